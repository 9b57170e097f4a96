// An UploadRequest (the part of XMLHttpRequest ws-api uploads with) over node:http, for tests under
// Node, which has no XMLHttpRequest. Like a browser's, it sends the body in chunks and reports each
// as upload progress once the socket has taken it, and abort() drops the connection mid-body.
import { request, type ClientRequest } from "node:http";
import type { UploadRequest } from "../ws-api.ts";

export class NodeUploadRequest implements UploadRequest {
  status = 0;
  responseText = "";
  readonly upload: UploadRequest["upload"] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  #url = "";
  readonly #headers: Record<string, string> = {};
  #request: ClientRequest | null = null;
  #aborted = false;

  /** `pauseMs` between chunks gives a test time to cancel mid-file. */
  constructor(private readonly chunkBytes = 64 * 1024, private readonly pauseMs = 0) {}

  open(_method: "POST", url: string): void {
    this.#url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  send(body: Blob): void {
    void this.#send(body);
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#request?.destroy();
    this.onabort?.();
  }

  async #send(body: Blob): Promise<void> {
    const bytes = Buffer.from(await body.arrayBuffer());
    if (this.#aborted) return;
    const req = request(this.#url, { method: "POST", headers: { ...this.#headers, "content-length": String(bytes.length) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        this.status = res.statusCode ?? 0;
        this.responseText = text;
        this.onload?.();
      });
    });
    this.#request = req;
    req.on("error", () => {
      if (!this.#aborted) this.onerror?.();
    });
    for (let offset = 0; offset < bytes.length && !this.#aborted; offset += this.chunkBytes) {
      const end = Math.min(offset + this.chunkBytes, bytes.length);
      await new Promise<void>((resolve) => req.write(bytes.subarray(offset, end), () => resolve()));
      if (this.#aborted) return;
      this.upload.onprogress?.({ loaded: end });
      if (this.pauseMs > 0) await new Promise((r) => setTimeout(r, this.pauseMs));
    }
    if (!this.#aborted) req.end();
  }
}
