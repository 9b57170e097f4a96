// The model library against a fake home directory laid out like LM Studio, Ollama, GPT4All and the
// Hugging Face cache, plus a user folder of broken files. Metadata and estimates only: no model is
// loaded.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels, writeCorruptVariants, type TestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { ModelLibrary } from "../native/models/library.ts";
import { createModelHandlers } from "../native/engine/model-handlers.ts";
import { isEngineError } from "../native/contract/errors.ts";
import { modelMethods, type ModelEntry } from "../native/contract/models.ts";
import type { CallContext } from "../native/router/types.ts";

const isRoot = process.getuid?.() === 0;

async function sha256Of(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

interface Layout {
  home: string;
  dataDir: string;
  lmstudio: string;
  ollamaBlob: string;
  ollamaSha: string;
  hfBlob: string;
  hfSnapshot1: string;
  hfSnapshot2: string;
  gpt4all: string;
  userDir: string;
  unreadable: string;
  corrupt: Awaited<ReturnType<typeof writeCorruptVariants>>;
  vocab: string;
}

async function makeLayout(models: TestModels): Promise<Layout> {
  const home = await mkdtemp(join(tmpdir(), "enclave-models-home-"));
  const lmDir = join(home, ".lmstudio", "models", "enclave", "Tiny-GGUF");
  await mkdir(lmDir, { recursive: true });
  const lmstudio = join(lmDir, "tiny-f16.gguf");
  await copyFile(models.f16, lmstudio);

  // Ollama: the blob is named by its real SHA-256, the manifest names it.
  const ollamaRoot = join(home, ".ollama", "models");
  const ollamaSha = await sha256Of(models.q8_0);
  const ollamaBlob = join(ollamaRoot, "blobs", `sha256-${ollamaSha}`);
  await mkdir(join(ollamaRoot, "blobs"), { recursive: true });
  await copyFile(models.q8_0, ollamaBlob);
  const manifestDir = join(ollamaRoot, "manifests", "registry.ollama.ai", "library", "tiny");
  await mkdir(manifestDir, { recursive: true });
  const manifest = (digest: string) =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.docker.distribution.manifest.v2+json",
      layers: [
        { mediaType: "application/vnd.ollama.image.model", digest: `sha256:${digest}`, size: 1 },
        { mediaType: "application/vnd.ollama.image.template", digest: `sha256:${"2".repeat(64)}`, size: 1 },
      ],
    });
  await writeFile(join(manifestDir, "q8_0"), manifest(ollamaSha));
  await writeFile(join(manifestDir, "latest"), manifest(ollamaSha)); // a second tag, same blob
  await writeFile(join(manifestDir, "gone"), manifest("f".repeat(64))); // its blob is missing
  await writeFile(join(manifestDir, "broken"), "{ not json");

  // Hugging Face cache: snapshots are links into blobs/; two revisions share one blob.
  const repo = join(home, ".cache", "huggingface", "hub", "models--enclave--tiny-GGUF");
  const hfSha = await sha256Of(models.q4_0);
  const hfBlob = join(repo, "blobs", hfSha);
  await mkdir(join(repo, "blobs"), { recursive: true });
  await copyFile(models.q4_0, hfBlob);
  const hfSnapshot1 = join(repo, "snapshots", "aaaa1111", "tiny-q4_0.gguf");
  const hfSnapshot2 = join(repo, "snapshots", "bbbb2222", "tiny-q4_0.gguf");
  for (const link of [hfSnapshot1, hfSnapshot2]) {
    await mkdir(join(link, ".."), { recursive: true });
    await symlink(join("..", "..", "blobs", hfSha), link);
  }

  const gptDir = join(home, ".local", "share", "nomic.ai", "GPT4All");
  await mkdir(gptDir, { recursive: true });
  const gpt4all = join(gptDir, "tiny-lora.gguf");
  await copyFile(models.lora, gpt4all);

  const userDir = join(home, "my-models");
  const corrupt = await writeCorruptVariants(userDir);
  const vocab = join(userDir, "vocab-only.gguf");
  await copyFile(models.vocabOnly, vocab);
  await writeFile(join(userDir, "notes.txt"), "not a model");
  await writeFile(join(userDir, "README"), "no extension, not GGUF");
  const unreadable = join(userDir, "locked");
  await mkdir(unreadable);
  await copyFile(models.f16, join(unreadable, "hidden-f16.gguf"));
  await chmod(unreadable, 0o000);

  return { home, dataDir: join(home, "enclave-data"), lmstudio, ollamaBlob, ollamaSha, hfBlob, hfSnapshot1, hfSnapshot2, gpt4all, userDir, unreadable, corrupt, vocab };
}

function fakeContext(): CallContext & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    requestId: "test",
    signal: new AbortController().signal,
    events,
    emit: (_event, payload) => void events.push(payload),
  };
}

describe("model library over other apps' folders", () => {
  let models: TestModels;
  let layout: Layout;
  let runtime: LlamaRuntime;
  let library: ModelLibrary;
  let entries: ModelEntry[];
  const byPath = (path: string) => entries.find((e) => e.path === path);

  before(async () => {
    models = await getTestModels();
    layout = await makeLayout(models);
    runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
    library = await ModelLibrary.open({ dataDir: layout.dataDir, runtime, homeDir: layout.home, env: {}, platform: "linux" });
    await library.addFolder(layout.userDir);
    entries = await library.entries();
  });

  after(async () => {
    await library?.dispose();
    await runtime?.dispose();
    if (layout) {
      await chmod(layout.unreadable, 0o755).catch(() => undefined);
      await rm(layout.home, { recursive: true, force: true });
    }
  });

  test("finds LM Studio, Ollama, GPT4All and Hugging Face files in place", async () => {
    assert.equal(byPath(layout.lmstudio)?.source, "lmstudio");
    const ollama = byPath(layout.ollamaBlob);
    assert.equal(ollama?.source, "ollama");
    assert.match(ollama!.displayName, /^tiny:(latest|q8_0)$/);
    assert.equal(ollama!.sha256, layout.ollamaSha, "the blob name is its digest");
    assert.equal(byPath(layout.gpt4all)?.source, "gpt4all");

    const hf = entries.filter((e) => e.source === "hf-cache");
    assert.equal(hf.length, 1, "two snapshot links to one blob are one entry");
    assert.ok([layout.hfSnapshot1, layout.hfSnapshot2].includes(hf[0]!.path), hf[0]!.path);
    assert.equal(hf[0]!.displayName, "tiny-q4_0.gguf");

    const dataFiles = await readdir(layout.dataDir, { recursive: true });
    assert.ok(!dataFiles.some((f) => String(f).endsWith(".gguf")), "nothing was copied into the data folder");

    const folders = await library.folders();
    const sources = new Set(folders.filter((f) => f.exists).map((f) => f.source));
    for (const s of ["lmstudio", "ollama", "gpt4all", "hf-cache", "user"]) assert.ok(sources.has(s as never), s);
    assert.deepEqual(folders.find((f) => f.source === "user"), { path: layout.userDir, source: "user", auto: false, exists: true });
  });

  test("reads the metadata of the three quant variants", () => {
    const expected = [
      [layout.lmstudio, "F16"],
      [layout.ollamaBlob, "Q8_0"],
      [entries.find((e) => e.source === "hf-cache")!.path, "Q4_0"],
    ] as const;
    for (const [path, quant] of expected) {
      const e = byPath(path)!;
      assert.equal(e.error, null, `${path}: ${e.error}`);
      assert.equal(e.quant, quant);
      assert.equal(e.name, models.name);
      assert.equal(e.architecture, "llama");
      assert.equal(e.parameterCount, models.parameterCount);
      assert.equal(e.contextLength, models.shape.contextLength);
      assert.equal(e.hasChatTemplate, true);
      assert.equal(e.license, models.license);
      assert.equal(e.kind, "model");
      assert.match(e.id, /^[0-9a-f]{16}$/);
    }
    const lora = byPath(layout.gpt4all)!;
    assert.equal(lora.kind, "adapter");
    assert.equal(lora.error, null);
  });

  test("groups the three quants as one model, each with a memory estimate", async () => {
    const { groups, scanErrors } = await library.list();
    const group = groups.find((g) => g.name === models.name);
    assert.ok(group, `groups: ${groups.map((g) => g.name).join(", ")}`);
    // (As root the "locked" folder is readable and adds a fourth copy: leave it out.)
    const healthy = group.variants.filter((v) => v.error === null && !v.path.startsWith(layout.unreadable));
    assert.deepEqual(healthy.map((v) => v.quant).sort(), ["F16", "Q4_0", "Q8_0"]);
    assert.deepEqual(healthy.map((v) => v.source).sort(), ["hf-cache", "lmstudio", "ollama"]);
    assert.equal(group.architecture, "llama");
    assert.equal(group.parameterCount, models.parameterCount);
    for (const v of healthy) {
      const est = v.estimate!;
      assert.ok(est, `${v.path} has an estimate`);
      assert.equal(est.contextSize, models.shape.contextLength, "4096 by default, capped at the trained 2048");
      assert.equal(est.gpuLayers, 0);
      assert.ok(Number.isFinite(est.ramBytes) && est.ramBytes > 0, `ram ${est.ramBytes}`);
      assert.ok(est.freeRamBytes > 0);
      assert.ok(["fits", "tight", "wont-fit"].includes(est.verdict), est.verdict);
    }
    const f16 = healthy.find((v) => v.quant === "F16")!.estimate!;
    const q4 = healthy.find((v) => v.quant === "Q4_0")!.estimate!;
    assert.ok(f16.ramBytes > q4.ramBytes, "F16 costs more than Q4_0");
    const lora = groups.flatMap((g) => g.variants).find((v) => v.path === layout.gpt4all)!;
    assert.equal(lora.estimate, null, "adapters are not estimated alone");

    // The Ollama manifest problems are reported, never thrown.
    assert.ok(scanErrors.some((e) => /manifest could not be read/.test(e.message)), JSON.stringify(scanErrors));
    assert.ok(scanErrors.some((e) => e.path.endsWith(`sha256-${"f".repeat(64)}`)), JSON.stringify(scanErrors));

    const small = await library.list({ contextSize: 512 });
    const smallF16 = small.groups.find((g) => g.name === models.name)!.variants.find((v) => v.quant === "F16" && !v.error)!.estimate!;
    assert.equal(smallF16.contextSize, 512);
    assert.ok(smallF16.ramBytes < f16.ramBytes, "a smaller context needs less memory");
  });

  test("corrupt files stay listed with a readable error; other files are skipped", () => {
    const c = layout.corrupt;
    assert.match(byPath(c.truncated)!.error!, /^file is truncated: \d+ of \d+ bytes present/);
    assert.match(byPath(c.badMagic)!.error!, /^not a GGUF file/);
    assert.match(byPath(c.textFile)!.error!, /^not a GGUF file/);
    assert.match(byPath(c.hugeTensorCount)!.error!, /header is corrupt/);
    assert.match(byPath(c.hugeKvCount)!.error!, /header is corrupt/);
    assert.match(byPath(layout.vocab)!.error!, /no weights/);
    assert.equal(byPath(join(layout.userDir, "notes.txt")), undefined);
    assert.equal(byPath(join(layout.userDir, "README")), undefined);
  });

  test("an unreadable folder is a scan error, not a failure", async (t) => {
    if (isRoot) {
      t.skip("running as root: chmod 000 does not stop root from reading the folder");
      return;
    }
    const { scanErrors } = await library.list();
    assert.ok(scanErrors.some((e) => e.path === layout.unreadable && /permission denied/.test(e.message)), JSON.stringify(scanErrors));
  });

  test("resolve finds a model by id, path (link or real) and SHA-256", async () => {
    const hf = entries.find((e) => e.source === "hf-cache")!;
    assert.equal((await library.resolve(hf.id)).path, hf.path);
    assert.equal((await library.resolve(hf.path)).id, hf.id);
    assert.equal((await library.resolve(layout.hfBlob)).id, hf.id, "the blob behind the link is the same entry");
    assert.equal((await library.resolve(layout.ollamaSha)).path, layout.ollamaBlob);
    await assert.rejects(library.resolve("0123456789abcdef"), (e) => isEngineError(e, "MODEL_NOT_FOUND"));
    await assert.rejects(library.resolve("a".repeat(64)), (e) => isEngineError(e, "MODEL_NOT_FOUND"));
    await assert.rejects(library.resolve(join(layout.home, "nope.gguf")), (e) => isEngineError(e, "MODEL_NOT_FOUND"));
  });

  test("inspect gives metadata, chat template and estimate, also for files outside the library", async () => {
    const outside = await library.inspect(models.f16, { contextSize: 1024 });
    assert.equal(outside.path, models.f16);
    assert.equal(outside.quant, "F16");
    assert.equal(outside.chatTemplate, models.chatTemplate);
    assert.equal(outside.metadata["general.name"], models.name);
    assert.equal(outside.metadata["general.architecture"], "llama");
    assert.equal(outside.estimate?.contextSize, 1024);
    assert.ok(!(await library.entries()).some((e) => e.path === models.f16), "inspecting does not add the file");

    const broken = await library.inspect(layout.corrupt.badMagic);
    assert.match(broken.error!, /not a GGUF file/);
    assert.equal(broken.estimate?.verdict, "unknown");
    // The output must satisfy the contract (the router validates it).
    modelMethods["models.inspect"].output.parse(outside);
    modelMethods["models.inspect"].output.parse(broken);
  });

  test("the handlers serve every model method from the library", async () => {
    const handlers = createModelHandlers({ library });
    const ctx = fakeContext();
    const listed = modelMethods["models.list"].output.parse(await handlers["models.list"]({ rescan: true }, ctx));
    assert.ok(listed.groups.some((g) => g.name === models.name));
    assert.ok(ctx.events.some((e) => (e as { task: string }).task === "scan"));

    const inspected = await handlers["models.inspect"]({ model: layout.lmstudio }, ctx);
    assert.equal(inspected.quant, "F16");

    const hashed = await handlers["models.hash"]({ model: layout.lmstudio }, ctx);
    assert.equal(hashed.sha256, await sha256Of(layout.lmstudio));
    assert.ok(ctx.events.some((e) => (e as { task: string }).task === "hash"));

    await assert.rejects(handlers["models.addFolder"]({ path: join(layout.home, "missing") }, ctx), (e) => isEngineError(e, "NOT_FOUND"));
    const offline = createModelHandlers({ library, isOffline: () => true });
    await assert.rejects(offline["models.download"]({ uri: "hf:a/b/c.gguf" }, ctx), (e) => isEngineError(e, "OFFLINE"));
  });

  test("user folders persist in a versioned document; removing one leaves its files alone", async () => {
    const extra = join(layout.home, "extra");
    await mkdir(extra);
    // No .gguf extension, but GGUF bytes: found by its magic.
    await copyFile(models.q4_0, join(extra, "model-without-extension"));
    const added = await library.addFolder(extra);
    assert.deepEqual(added.folder, { path: extra, source: "user", auto: false, exists: true });
    assert.equal(added.models.length, 1);
    assert.equal(added.models[0]!.quant, "Q4_0");

    const doc = JSON.parse(await readFile(join(layout.dataDir, "models", "folders.json"), "utf8"));
    assert.equal(doc.format, "enclave.model-folders");
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.folders.map((f: { path: string }) => f.path), [layout.userDir, extra]);

    const reopened = await ModelLibrary.open({ dataDir: layout.dataDir, runtime, homeDir: layout.home, env: {}, platform: "linux", includeAppFolders: false });
    try {
      assert.ok((await reopened.entries()).some((e) => e.path === join(extra, "model-without-extension")));
    } finally {
      await reopened.dispose();
    }

    assert.deepEqual(await library.removeFolder(extra), { removed: true });
    assert.deepEqual(await library.removeFolder(extra), { removed: false });
    assert.ok(!(await library.entries()).some((e) => e.path.startsWith(extra)));
    assert.ok((await readdir(extra)).includes("model-without-extension"), "the file is still there");
  });
});
