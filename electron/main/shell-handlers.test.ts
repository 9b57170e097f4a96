import { test } from "node:test";
import assert from "node:assert/strict";
import type { MessageBoxOptions, OpenDialogOptions } from "electron";
import { isEngineError } from "../../native/contract/errors.ts";
import { confirmAndOpenExternal, createShellHandlers, openDialogOptions, type ShellDeps } from "./shell-handlers.ts";

function deps(overrides: Partial<ShellDeps> = {}) {
  const seen = { dialogs: [] as OpenDialogOptions[], prompts: [] as MessageBoxOptions[], opened: [] as string[] };
  const d: ShellDeps = {
    showOpenDialog: async (options) => {
      seen.dialogs.push(options);
      return { canceled: false, filePaths: ["/m/a.gguf", "/m/b.gguf"] };
    },
    showMessageBox: async (options) => {
      seen.prompts.push(options);
      return { response: 0 };
    },
    openExternal: async (url) => void seen.opened.push(url),
    ...overrides,
  };
  return { d, seen };
}

const live = new AbortController().signal;

test("dialog filters per purpose: GGUF for models, the ingestible formats for documents, folders", () => {
  const model = openDialogOptions("model", false);
  assert.deepEqual(model.filters, [{ name: "GGUF models", extensions: ["gguf"] }]);
  assert.deepEqual(model.properties, ["openFile", "dontAddToRecent"]);
  const docs = openDialogOptions("documents", true);
  for (const ext of ["pdf", "docx", "html", "md", "txt", "csv"]) assert.ok(docs.filters![0]!.extensions.includes(ext), ext);
  assert.ok(docs.properties!.includes("multiSelections"));
  const folder = openDialogOptions("folder", true);
  assert.equal(folder.filters, undefined);
  assert.ok(folder.properties!.includes("openDirectory") && !folder.properties!.includes("openFile"));
});

test("shell.capabilities says: Electron, native dialogs, no uploads, external links", async () => {
  const handlers = createShellHandlers(deps().d);
  assert.deepEqual(await handlers["shell.capabilities"]({}, live), { host: "electron", fileDialogs: true, uploads: false, openExternal: true });
});

test("shell.pickPaths returns the chosen paths, or none when the dialog was cancelled", async () => {
  const { d, seen } = deps();
  assert.deepEqual(await createShellHandlers(d)["shell.pickPaths"]({ purpose: "model", multiple: true }, live), { paths: ["/m/a.gguf", "/m/b.gguf"] });
  assert.deepEqual(seen.dialogs[0]!.filters![0]!.extensions, ["gguf"]);
  const cancelled = deps({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }).d;
  assert.deepEqual(await createShellHandlers(cancelled)["shell.pickPaths"]({ purpose: "documents", multiple: true }, live), { paths: [] });
});

test("a pick cancelled while its dialog was open ends ABORTED", async () => {
  const controller = new AbortController();
  const { d } = deps({
    showOpenDialog: async () => {
      controller.abort();
      return { canceled: false, filePaths: ["/x"] };
    },
  });
  await assert.rejects(createShellHandlers(d)["shell.pickPaths"]({ purpose: "folder", multiple: false }, controller.signal), (e) => isEngineError(e, "ABORTED"));
});

test("external links open only after the user says yes", async () => {
  const yes = deps();
  assert.deepEqual(await createShellHandlers(yes.d)["shell.openExternal"]({ url: "https://example.com/a" }, live), { opened: true });
  assert.deepEqual(yes.seen.opened, ["https://example.com/a"]);
  assert.match(String(yes.seen.prompts[0]!.detail), /https:\/\/example\.com\/a/);
  assert.equal(yes.seen.prompts[0]!.cancelId, 1);
  assert.equal(yes.seen.prompts[0]!.defaultId, 1, "Cancel is the default button");

  const no = deps({ showMessageBox: async () => ({ response: 1 }) });
  assert.deepEqual(await createShellHandlers(no.d)["shell.openExternal"]({ url: "https://example.com/a" }, live), { opened: false });
  assert.deepEqual(no.seen.opened, []);
});

test("only http(s) links are ever opened, even without the contract's check", async () => {
  const { d, seen } = deps();
  for (const url of ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share"]) {
    await assert.rejects(confirmAndOpenExternal(d, url), (e) => isEngineError(e, "INVALID_INPUT"), url);
  }
  assert.deepEqual(seen.prompts, []);
  assert.deepEqual(seen.opened, []);
});
