@echo off
rem `enclave`, the command-line interface of an installed Enclave: runs the compiled CLI with the
rem app's own Electron acting as Node. Per-user install: %LOCALAPPDATA%\Programs\Enclave\resources\bin.
rem ENCLAVE_NODE=C:\path\to\node.exe uses that Node instead.
setlocal
set "RESOURCES=%~dp0.."
set "APP=%RESOURCES%\app.asar"
if not exist "%APP%" set "APP=%RESOURCES%\app"
if defined ENCLAVE_NODE (
  "%ENCLAVE_NODE%" "%APP%\dist\native\cli\main.js" %*
) else (
  set ELECTRON_RUN_AS_NODE=1
  "%RESOURCES%\..\Enclave.exe" "%APP%\dist\native\cli\main.js" %*
)
exit /b %ERRORLEVEL%
