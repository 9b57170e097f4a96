// The page check.ts drives: the web client's resolveFiles with the browser's own XMLHttpRequest,
// exposed as `window.uploadCheck`. No WebSocket is opened: uploads do not need one.
import type { UploadProgress } from "../../../native/contract/api.ts";
import { createWebSocketApi, type WebSocketLike } from "../ws-api.ts";

const idleSocket = (): WebSocketLike => ({ readyState: 0, send() {}, close() {}, onopen: null, onmessage: null, onclose: null, onerror: null });
const api = createWebSocketApi(`ws://${location.host}/ws`, "check-token", { createSocket: idleSocket });

export interface UploadOutcome {
  paths: string[] | null;
  error: { code: string; message: string } | null;
  progress: UploadProgress[];
}

async function uploadCheck(sizes: number[], cancelOnFirstProgress: boolean): Promise<UploadOutcome> {
  const files = sizes.map((size, i) => new File([new Uint8Array(size).fill(7)], `file-${i}.bin`));
  const progress: UploadProgress[] = [];
  const controller = new AbortController();
  try {
    const paths = await api.resolveFiles(files, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (cancelOnFirstProgress && p.bytesSent > 0) controller.abort();
      },
    });
    return { paths, error: null, progress };
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return { paths: null, error: { code, message }, progress };
  }
}

(window as unknown as { uploadCheck: typeof uploadCheck }).uploadCheck = uploadCheck;
