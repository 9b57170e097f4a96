#!/bin/bash
# Enclave's deb/rpm post-install script (electron-builder fills in ${executable} and
# ${sanitizedProductName}). Besides what electron-builder's own script does (link the desktop binary,
# set up Chromium's sandbox, install the AppArmor profile, refresh the desktop database) it puts the
# command-line interface on the PATH as /usr/bin/enclave.
APP_DIR='/opt/${sanitizedProductName}'

ln -sf "$APP_DIR/${executable}" '/usr/bin/${executable}'
ln -sf "$APP_DIR/resources/bin/enclave" '/usr/bin/enclave'
chmod 0755 "$APP_DIR/resources/bin/enclave" || true

# Chromium's sandbox: user namespaces where the kernel allows them, else the setuid helper.
if [[ -L /proc/self/ns/user ]] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

# Ubuntu 24.04+ restricts unprivileged user namespaces unless an AppArmor profile allows them;
# electron-builder ships one in resources/. Installed only where this AppArmor can parse it.
PROFILE="$APP_DIR/resources/apparmor-profile"
if [ -f "$PROFILE" ] && apparmor_status --enabled >/dev/null 2>&1 && apparmor_parser --skip-kernel-load --debug "$PROFILE" >/dev/null 2>&1; then
  cp -f "$PROFILE" '/etc/apparmor.d/${executable}'
  if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --replace --write-cache --skip-read-cache '/etc/apparmor.d/${executable}' || true
  fi
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi
