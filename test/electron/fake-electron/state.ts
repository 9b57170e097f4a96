// A fake of the Electron main-process modules electron/main/index.ts uses, recording what it is asked
// to do. Engines are real: `utilityProcess.fork` is given by the test.
import { EventEmitter } from "node:events";
import type { ForkUtility } from "../../../electron/main/utility-transport.ts";

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: unknown[] = [];
  readonly mainFrame = { frameToken: `frame-${this.id}`, url: "" };
  destroyed = false;
  openHandler: Handler | undefined;
  send(_channel: string, message: unknown): void {
    this.sent.push(message);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.openHandler = handler;
  }
}

export function createFakeElectron(options: { appPath: string; fork: ForkUtility }) {
  const calls = {
    paths: new Map<string, string>(),
    quit: 0,
    exit: [] as number[],
    errorBoxes: [] as string[][],
    openDialogs: [] as unknown[],
    messageBoxes: [] as unknown[],
    openedExternal: [] as string[],
    forks: [] as { modulePath: string; args: string[] }[],
    menu: undefined as unknown,
    focused: 0,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    permissionRequest: undefined as ((...args: unknown[]) => void) | undefined,
    headers: undefined as ((...args: unknown[]) => void) | undefined,
    beforeRequest: undefined as ((...args: unknown[]) => void) | undefined,
  };
  const windows: FakeWindow[] = [];

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setPath: (name: string, path: string) => void calls.paths.set(name, path),
    getPath: (name: string) => calls.paths.get(name) ?? "",
    getAppPath: () => options.appPath,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      calls.quit++;
    },
    exit: (code: number) => void calls.exit.push(code),
  });

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    url: string | undefined;
    shown = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
      // Electron announces every webContents as it is made.
      app.emit("web-contents-created", {}, this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.url = url;
      this.webContents.mainFrame.url = url;
      this.webContents.emit("did-navigate");
      this.emit("ready-to-show");
    }
    show(): void {
      this.shown = true;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {
      calls.focused++;
    }
  }

  const lastArg = <T>(args: unknown[]): T => args[args.length - 1] as T;
  const fake = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        calls.openDialogs.push(lastArg(args));
        return { canceled: false, filePaths: ["/picked/model.gguf"] };
      },
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(lastArg(args));
        return { response: 0 };
      },
      showErrorBox: (title: string, content: string) => void calls.errorBoxes.push([title, content]),
    },
    ipcMain: new EventEmitter(),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void calls.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => void calls.protocolHandlers.set(scheme, handler),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => void (calls.menu = menu),
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (handler: (...args: unknown[]) => void) => void (calls.headers = handler),
          onBeforeRequest: (handler: (...args: unknown[]) => void) => void (calls.beforeRequest = handler),
        },
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => void (calls.permissionRequest = handler),
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
      },
    },
    shell: {
      openExternal: async (url: string) => void calls.openedExternal.push(url),
      openPath: async () => "",
    },
    // Like Linux without a keyring: no strong encryption, so secrets fall back to owner-only files.
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      encryptStringAsync: async (): Promise<Buffer> => {
        throw new Error("the fake Electron has no keychain");
      },
      decryptStringAsync: async (): Promise<{ result: string; shouldReEncrypt: boolean }> => {
        throw new Error("the fake Electron has no keychain");
      },
      getSelectedStorageBackend: () => "basic_text",
    },
    utilityProcess: {
      fork: ((modulePath, args, forkOptions) => {
        calls.forks.push({ modulePath, args });
        return options.fork(modulePath, args, forkOptions);
      }) as ForkUtility,
    },
  };
  return { fake, calls, windows };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>["fake"];
