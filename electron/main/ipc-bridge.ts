// The IPC end of the bridge: one bridge session (native/bridge/session.ts) per app window, fed only
// by messages from that window's main frame showing the app's own page. A message from anywhere else
// is dropped and logged, never answered. The session ends (its calls cancelled) when the page
// navigates or reloads, when its renderer crashes, and when the window's webContents is destroyed.
import type { IpcMainEvent, WebContents } from "electron";
import { createBridgeSession, type BridgeSession, type ShellHandlers } from "../../native/bridge/session.ts";
import type { EngineClient } from "../../native/client/types.ts";
import { BRIDGE_CHANNEL } from "../../native/contract/api.ts";
import { checkSender } from "./sender-check.ts";

/** The webContents surface the bridge needs (a fake in tests). */
export type BridgeContents = Pick<WebContents, "id" | "send" | "isDestroyed"> & {
  mainFrame: { frameToken: string };
  on(event: "destroyed" | "did-navigate" | "render-process-gone", listener: () => void): unknown;
};

export interface BridgeEvent {
  sender: BridgeContents;
  senderFrame: { url: string; frameToken: string } | null;
}

export interface IpcLike {
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
}

export interface IpcBridgeOptions {
  ipc: IpcLike;
  client: EngineClient;
  /** The app's page URL (file:// or the dev server). */
  appUrl: string;
  /** Whether a webContents is one of our app windows. */
  isAppWindow: (contents: BridgeContents) => boolean;
  shellFor: (contents: BridgeContents) => ShellHandlers;
  log: (line: string) => void;
}

export interface IpcBridge {
  /** Stops listening and closes every session. */
  dispose(): void;
}

export function installIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const sessions = new Map<number, BridgeSession>();
  /** Windows whose lifecycle events are already watched: once per window, not once per page. */
  const watched = new Set<number>();

  const end = (id: number): void => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    session.close();
  };

  const sessionFor = (contents: BridgeContents): BridgeSession => {
    const existing = sessions.get(contents.id);
    if (existing) return existing;
    const session = createBridgeSession({
      client: options.client,
      shell: options.shellFor(contents),
      send: (message) => {
        if (!contents.isDestroyed()) contents.send(BRIDGE_CHANNEL.toFront, message);
      },
      onProtocolError: (reason) => options.log(`bridge: window ${contents.id}: ${reason}`),
    });
    sessions.set(contents.id, session);
    if (!watched.has(contents.id)) {
      const { id } = contents;
      watched.add(id);
      contents.on("destroyed", () => {
        watched.delete(id);
        end(id);
      });
      // A reload or navigation starts a new page with a new preload, and a crashed renderer has no
      // page: either way the old page's calls are orphans.
      contents.on("did-navigate", () => end(id));
      contents.on("render-process-gone", () => end(id));
    }
    return session;
  };

  const listener = (event: IpcMainEvent, message: unknown): void => {
    const { sender, senderFrame } = event as unknown as BridgeEvent;
    const verdict = checkSender(
      { contentsId: sender.id, frameUrl: senderFrame?.url, isMainFrame: senderFrame !== null && senderFrame.frameToken === sender.mainFrame.frameToken },
      () => options.isAppWindow(sender),
      options.appUrl,
    );
    if (!verdict.ok) {
      options.log(`bridge: dropped a message from ${verdict.reason}`);
      return;
    }
    sessionFor(sender).handle(message);
  };
  options.ipc.on(BRIDGE_CHANNEL.toHost, listener);

  return {
    dispose() {
      options.ipc.removeListener(BRIDGE_CHANNEL.toHost, listener);
      for (const session of sessions.values()) session.close();
      sessions.clear();
    },
  };
}
