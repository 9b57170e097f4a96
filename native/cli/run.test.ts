// runCli end to end against a fake engine: dispatch, output, exit statuses, Ctrl-C, and that the
// engine is closed however a command ends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import type { CallOptions, EngineClient } from "../client/types.ts";
import { EngineError } from "../contract/errors.ts";
import { COMMANDS } from "./commands/index.ts";
import { ExitCode } from "../host/exit-codes.ts";
import { runCli, type EngineStartOptions } from "./run.ts";
import { sampleEntry, sampleEstimate, sampleList, sampleLoaded, sampleTurn } from "./test-fixtures.ts";

type Handler = (input: Record<string, unknown>, options: CallOptions) => unknown;

function fakeEngine(handlers: Record<string, Handler>) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const state = { closed: 0, started: [] as EngineStartOptions[] };
  const client: EngineClient = {
    async call(method, input, options = {}) {
      calls.push({ method, input: input as Record<string, unknown> });
      const handler = handlers[method];
      if (!handler) throw new EngineError("UNKNOWN_METHOD", `no fake for ${method}`);
      return (await handler(input as Record<string, unknown>, options)) as never;
    },
    onNotice: () => () => {},
    async close() {
      state.closed++;
    },
  };
  return { client, calls, state };
}

async function run(argv: string[], handlers: Record<string, Handler>, options: { stdin?: string; sigint?: (fire: () => void) => void } = {}) {
  const engine = fakeEngine(handlers);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let sigint: (() => void) | null = null;
  const code = await runCli(argv, {
    io: { stdin, stdout, stderr, env: { ENCLAVE_DATA_DIR: "/tmp/enclave-fake" } },
    commands: COMMANDS,
    version: "9.9.9",
    async startEngine(opts) {
      engine.state.started.push(opts);
      return engine.client;
    },
    onSigint(listener) {
      sigint = listener;
      options.sigint?.(() => sigint?.());
      return () => (sigint = null);
    },
    forceExit() {
      throw new Error("forceExit");
    },
    cwd: "/work",
  });
  return { code, out, err, ...engine };
}

const loadAndChat: Record<string, Handler> = {
  "inference.load": () => sampleLoaded(),
  "conversations.create": () => ({ id: "c1" }),
  "chat.send": (_input, options) => {
    options.onEvent?.("chat.delta", { requestId: "r", conversationId: "c1", messageId: "a1", kind: "text", text: "Hello " });
    options.onEvent?.("chat.delta", { requestId: "r", conversationId: "c1", messageId: "a1", kind: "text", text: "there" });
    return sampleTurn();
  },
  "chat.regenerate": () => sampleTurn({ text: "Again" }),
};

test("models list --json prints the engine's object as it is, and closes the engine", async () => {
  const r = await run(["--cpu", "models", "list", "--json"], { "models.list": () => sampleList() });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), sampleList());
  assert.equal(r.err, "");
  assert.equal(r.state.closed, 1);
  assert.deepEqual(r.state.started, [{ dataDir: "/tmp/enclave-fake", gpu: false }]);
});

test("--data-dir resolves against the working directory and wins over the environment", async () => {
  const r = await run(["engine", "info", "--data-dir", "state"], { "engine.info": () => ({ version: "1", pid: 1, node: "v20", platform: "linux", arch: "x64", cpus: 2, dataDir: "/work/state", uptimeMs: 1, gpu: null }) });
  assert.equal(r.code, 0);
  assert.deepEqual(r.state.started, [{ dataDir: "/work/state", gpu: "auto" }]);
  assert.match(r.out, /Data folder:\s+\/work\/state/);
});

test("models inspect sends an absolute path and prints the entry", async () => {
  const r = await run(["models", "inspect", "m/tiny.gguf"], { "models.inspect": () => ({ ...sampleEntry(), estimate: sampleEstimate, chatTemplate: null, metadata: {} }) });
  assert.equal(r.code, 0);
  assert.deepEqual(r.calls, [{ method: "models.inspect", input: { model: "/work/m/tiny.gguf" } }]);
  assert.match(r.out, /Quant:\s+Q8_0/);
});

test("engine errors print one line and exit with their category; the engine is still closed", async () => {
  const r = await run(["models", "inspect", "/nope.gguf"], {
    "models.inspect": () => {
      throw new EngineError("MODEL_NOT_FOUND", "No model file at /nope.gguf.");
    },
  });
  assert.equal(r.code, ExitCode.NOT_FOUND);
  assert.equal(r.err, "enclave: No model file at /nope.gguf.\n");
  assert.equal(r.out, "");
  assert.equal(r.state.closed, 1);
  const invalid = await run(["chat", "--model", "/bad.gguf", "--prompt", "hi"], {
    "inference.load": () => {
      throw new EngineError("INVALID_MODEL_FILE", "Not a GGUF file: /bad.gguf");
    },
  });
  assert.equal(invalid.code, ExitCode.INVALID_MODEL);
  assert.equal(invalid.state.closed, 1);
});

test("usage errors never start the engine", async () => {
  for (const argv of [["frob"], ["models"], ["models", "frob"], ["chat", "--prompt", "x"], ["chat", "--model", "m", "--json"], ["models", "list", "--bogus"], ["chat", "--model", "m", "--threads", "0"], []]) {
    const r = await run(argv, {});
    assert.equal(r.code, ExitCode.USAGE, argv.join(" "));
    assert.match(r.err, /^enclave: /, argv.join(" "));
    assert.deepEqual(r.state.started, [], argv.join(" "));
  }
});

test("--help prints usage on stdout and exits 0", async () => {
  const top = await run(["--help"], {});
  assert.equal(top.code, 0);
  assert.match(top.out, /models list\s+List the models/);
  const chat = await run(["chat", "-h"], {});
  assert.equal(chat.code, 0);
  assert.match(chat.out, /--max-tokens N/);
  const group = await run(["models", "--help"], {});
  assert.match(group.out, /models scan/);
  assert.doesNotMatch(group.out, /engine info/);
  const version = await run(["--version"], {});
  assert.equal(version.out, "9.9.9\n");
});

test("chat --prompt streams the answer to stdout; options reach load, the conversation and the turn", async () => {
  const r = await run(
    ["chat", "--model", "/m/tiny.gguf", "--prompt", "hi", "--threads", "1", "--ctx", "512", "--gpu-layers", "max", "--temperature", "0", "--seed", "3", "--max-tokens", "8", "--system", "Be brief."],
    loadAndChat,
  );
  assert.equal(r.code, 0);
  assert.equal(r.out, "Hello there\n");
  const sampling = { temperature: 0, seed: 3, maxTokens: 8 };
  assert.deepEqual(r.calls, [
    { method: "inference.load", input: { model: "/m/tiny.gguf", threads: 1, contextSize: 512, gpuLayers: "max" } },
    { method: "conversations.create", input: { systemPrompt: "Be brief.", sampling } },
    { method: "chat.send", input: { conversationId: "c1", text: "hi", sampling } },
  ]);
});

test("chat --json prints exactly one object", async () => {
  const r = await run(["chat", "--model", "/m/tiny.gguf", "--prompt", "hi", "--json"], loadAndChat);
  assert.equal(r.code, 0);
  const object = JSON.parse(r.out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(object), ["text", "thinking", "tokens", "promptTokens", "ttftMs", "tokensPerSecond", "threads", "stopReason", "model", "conversationId"]);
  assert.equal(object.text, "Hello there");
  assert.equal(r.err, "");
});

test("Ctrl-C during a --prompt answer cancels it, keeps the partial text and exits 130", async () => {
  let fire: () => void = () => {};
  const r = await run(["chat", "--model", "/m/tiny.gguf", "--prompt", "hi"], {
    ...loadAndChat,
    "chat.send": (_input, options) =>
      new Promise((resolve) => {
        options.onEvent?.("chat.delta", { requestId: "r", conversationId: "c1", messageId: "a1", kind: "text", text: "Hel" });
        options.signal?.addEventListener("abort", () => resolve(sampleTurn({ text: "Hel", stopReason: "aborted", status: "interrupted" })));
        fire();
      }),
  }, { sigint: (f) => (fire = f) });
  assert.equal(r.code, ExitCode.ABORTED);
  assert.equal(r.out, "Hel\n");
  assert.equal(r.state.closed, 1);
});

test("Ctrl-C while loading rejects with ABORTED and exits 130", async () => {
  let fire: () => void = () => {};
  const r = await run(["chat", "--model", "/m/tiny.gguf", "--prompt", "hi"], {
    "inference.load": (_input, options) =>
      new Promise((_resolve, reject) => {
        options.signal?.addEventListener("abort", () => reject(new EngineError("ABORTED", "Cancelled.")));
        fire();
      }),
  }, { sigint: (f) => (fire = f) });
  assert.equal(r.code, ExitCode.ABORTED);
  assert.equal(r.err, "enclave: Cancelled.\n");
  assert.equal(r.state.closed, 1);
});

test("the REPL on piped stdin: one turn per line, /regen, /new, unknown commands, end of input leaves", async () => {
  const r = await run(["chat", "--model", "/m/tiny.gguf"], loadAndChat, { stdin: "hi\n/regen\n/new\n/frob\n\nsecond\n" });
  assert.equal(r.code, 0);
  assert.equal(r.out, "Hello there\nAgain\nHello there\n");
  assert.deepEqual(r.calls.map((c) => c.method), ["inference.load", "conversations.create", "chat.send", "chat.regenerate", "conversations.create", "chat.send"]);
  assert.match(r.err, /unknown command '\/frob'/);
  assert.match(r.err, /New conversation\./);
  assert.equal(r.state.closed, 1);
});

test("the REPL: Ctrl-C stops the answer being written, keeps the session, /exit leaves", async () => {
  let fire: () => void = () => {};
  let sends = 0;
  const r = await run(["chat", "--model", "/m/tiny.gguf"], {
    ...loadAndChat,
    "chat.send": (_input, options) => {
      sends++;
      if (sends > 1) return sampleTurn({ text: "ok" });
      return new Promise((resolve) => {
        options.onEvent?.("chat.delta", { requestId: "r", conversationId: "c1", messageId: "a1", kind: "text", text: "partial" });
        options.signal?.addEventListener("abort", () => resolve(sampleTurn({ text: "partial", stopReason: "aborted" })));
        setImmediate(fire);
      });
    },
  }, { stdin: "one\ntwo\n/exit\nthree\n", sigint: (f) => (fire = f) });
  assert.equal(r.code, 0);
  assert.equal(sends, 2);
  assert.equal(r.out, "partial\nok\n");
  assert.equal(r.state.closed, 1);
});

test("an engine error inside the REPL is reported and the REPL goes on", async () => {
  let sends = 0;
  const r = await run(["chat", "--model", "/m/tiny.gguf"], {
    ...loadAndChat,
    "chat.send": () => {
      if (++sends === 1) throw new EngineError("BUSY", "The model is busy.");
      return sampleTurn({ text: "fine" });
    },
  }, { stdin: "a\nb\n" });
  assert.equal(r.code, 0);
  assert.match(r.err, /enclave: The model is busy\./);
  assert.equal(r.out, "fine\n");
});

test("the engine killed by the same Ctrl-C (a terminal signals the whole group) reads as a cancel, not a crash", async () => {
  let fire: () => void = () => {};
  const r = await run(["chat", "--model", "/m/tiny.gguf", "--prompt", "hi"], {
    ...loadAndChat,
    "chat.send": () =>
      new Promise((_resolve, reject) => {
        fire();
        reject(new EngineError("ENGINE_CRASHED", "The engine stopped unexpectedly (signal SIGINT); it is being restarted."));
      }),
  }, { sigint: (f) => (fire = f) });
  assert.equal(r.code, ExitCode.ABORTED);
  assert.equal(r.err, "enclave: Cancelled.\n");
  const crash = await run(["chat", "--model", "/m/tiny.gguf", "--prompt", "hi"], {
    ...loadAndChat,
    "chat.send": () => {
      throw new EngineError("ENGINE_CRASHED", "The engine stopped unexpectedly (signal SIGKILL).");
    },
  });
  assert.equal(crash.code, ExitCode.ENGINE_FAILED);
});
