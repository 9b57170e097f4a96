import { test } from "node:test";
import assert from "node:assert/strict";
import { expectPositionals, gpuLayersOption, intOption, modelRefArg, numberOption, parseCommandArgs, takeCommandWords } from "./args.ts";
import { UsageError } from "./exit-codes.ts";

const known = (words: readonly string[]): boolean =>
  [["models", "list"], ["models", "inspect"], ["chat"]].some((path) => words.every((w, i) => path[i] === w));

test("command words are found after leading global options, which are kept", () => {
  assert.deepEqual(takeCommandWords(["--data-dir", "/d", "--cpu", "models", "list", "--json"], known), {
    words: ["models", "list"],
    rest: ["--data-dir", "/d", "--cpu", "--json"],
  });
  assert.deepEqual(takeCommandWords(["chat", "--model", "models"], known), { words: ["chat"], rest: ["--model", "models"] });
  assert.deepEqual(takeCommandWords(["--data-dir=/x", "models", "inspect", "list"], known), { words: ["models", "inspect"], rest: ["--data-dir=/x", "list"] });
});

test("an unknown first word is taken as the command; an unknown second word is left", () => {
  assert.deepEqual(takeCommandWords(["frobnicate", "x"], known), { words: ["frobnicate"], rest: ["x"] });
  assert.deepEqual(takeCommandWords(["models", "bogus"], known), { words: ["models"], rest: ["bogus"] });
  assert.deepEqual(takeCommandWords(["--model", "x", "chat"], known), { words: [], rest: ["--model", "x", "chat"] });
});

test("options parse with global ones anywhere", () => {
  const parsed = parseCommandArgs(["--model", "m.gguf", "--cpu", "--data-dir=/d", "-h", "--json"], { model: { type: "string" }, json: { type: "boolean" } });
  assert.deepEqual(parsed.values, { model: "m.gguf", cpu: true, "data-dir": "/d", help: true, json: true });
  assert.deepEqual(parsed.globals, { dataDir: "/d", cpu: true, help: true });
  assert.deepEqual(parseCommandArgs(["a", "--", "--b"], {}).positionals, ["a", "--b"]);
});

test("option mistakes are usage errors that name the option", () => {
  const options = { model: { type: "string" }, json: { type: "boolean" } } as const;
  assert.throws(() => parseCommandArgs(["--frob"], options), (err) => err instanceof UsageError && err.message === "unknown option '--frob'");
  assert.throws(() => parseCommandArgs(["--model"], options), /option '--model' needs a value/);
  assert.throws(() => parseCommandArgs(["--model", "--json"], options), /option '--model' needs a value/);
  assert.throws(() => parseCommandArgs(["--json=yes"], options), /option '--json' takes no value/);
  assert.throws(() => parseCommandArgs(["-x"], options), /unknown option '-x'/);
  // A value that merely starts with a dash is still a value.
  assert.equal(parseCommandArgs(["--model", "-weird.gguf"], options).values.model, "-weird.gguf");
  assert.equal(parseCommandArgs(["--model=--json"], options).values.model, "--json");
});

test("numbers are checked against their bounds", () => {
  assert.equal(intOption({ threads: "4" }, "threads", { min: 1 }), 4);
  assert.equal(intOption({}, "threads", { min: 1 }), undefined);
  assert.throws(() => intOption({ threads: "0" }, "threads", { min: 1, max: 8 }), /--threads must be a whole number from 1 to 8 \(got '0'\)/);
  assert.throws(() => intOption({ threads: "2.5" }, "threads", { min: 1 }), /whole number 1 or more/);
  assert.throws(() => intOption({ threads: "abc" }, "threads", { min: 1 }), UsageError);
  assert.equal(numberOption({ temperature: "0.7" }, "temperature", { min: 0, max: 5 }), 0.7);
  assert.throws(() => numberOption({ temperature: "6" }, "temperature", { min: 0, max: 5 }), /from 0 to 5/);
  assert.throws(() => numberOption({ temperature: "" }, "temperature", { min: 0, max: 5 }), UsageError);
});

test("--gpu-layers takes auto, max or a count", () => {
  assert.equal(gpuLayersOption({ "gpu-layers": "auto" }), "auto");
  assert.equal(gpuLayersOption({ "gpu-layers": "max" }), "max");
  assert.equal(gpuLayersOption({ "gpu-layers": "12" }), 12);
  assert.equal(gpuLayersOption({}), undefined);
  assert.throws(() => gpuLayersOption({ "gpu-layers": "all" }), /'auto', 'max' or a whole number/);
});

test("positionals are counted", () => {
  const parsed = parseCommandArgs(["a", "b"], {});
  assert.throws(() => expectPositionals(parsed, ["file"]), /unexpected argument 'b'/);
  assert.throws(() => expectPositionals(parseCommandArgs([], {}), ["file"]), /missing <file>/);
  assert.deepEqual(expectPositionals(parsed, ["x", "y"]), ["a", "b"]);
});

test("model references: paths become absolute, ids pass through", () => {
  assert.equal(modelRefArg("models/a.gguf", "/work"), "/work/models/a.gguf");
  assert.equal(modelRefArg("a.GGUF", "/work"), "/work/a.GGUF");
  assert.equal(modelRefArg("/abs/b.bin", "/work"), "/abs/b.bin");
  assert.equal(modelRefArg("0123456789abcdef", "/work"), "0123456789abcdef");
});
