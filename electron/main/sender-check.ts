// Who may talk to the engine over IPC: the main frame of one of our own windows, showing the app's
// own page. A subframe, a page that navigated elsewhere, or a webContents we did not create is refused.
import { isAppUrl } from "./app-url.ts";

export interface SenderInfo {
  /** The sending webContents' id. */
  contentsId: number;
  /** The sending frame's URL; undefined when the frame is gone (navigated or destroyed). */
  frameUrl: string | undefined;
  /** Whether the sending frame is its webContents' main frame. */
  isMainFrame: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(sender: SenderInfo, trusted: (contentsId: number) => boolean, appUrl: string): SenderVerdict {
  if (!trusted(sender.contentsId)) return { ok: false, reason: `webContents ${sender.contentsId} is not an app window` };
  if (!sender.isMainFrame) return { ok: false, reason: `a subframe (${sender.frameUrl ?? "gone"}) of webContents ${sender.contentsId}` };
  if (!isAppUrl(sender.frameUrl, appUrl)) return { ok: false, reason: `a page that is not the app (${sender.frameUrl ?? "gone"})` };
  return { ok: true };
}
