import { test } from "node:test";
import assert from "node:assert/strict";
import { ANSI, formatBytes, formatEngineInfo, formatFolderScan, formatModelInspect, formatModelList, formatParameterCount, formatTable, PLAIN, styleFor, visibleLength } from "./output.ts";
import { sampleEntry, sampleEstimate, sampleList } from "./test-fixtures.ts";

test("sizes and parameter counts read as people write them", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(4.1 * 1024 ** 3), "4.1 GiB");
  assert.equal(formatBytes(70 * 1024 ** 3), "70 GiB");
  assert.equal(formatParameterCount(7_241_732_096), "7.2B");
  assert.equal(formatParameterCount(135_000_000), "135M");
  assert.equal(formatParameterCount(null), null);
});

test("tables align on visible width, colour codes excluded", () => {
  const table = formatTable(["A", "B"], [[ANSI.green("x"), "1"], ["long", "2"]], ANSI);
  const lines = table.trimEnd().split("\n");
  assert.equal(lines.length, 3);
  assert.equal(visibleLength(lines[1]!), visibleLength(lines[2]!));
  assert.equal(formatTable(["A", "B"], [["x", "1"]]), "A  B\nx  1\n");
});

test("the model list shows each group's name once, with quant, size, fit, source and path", () => {
  const text = formatModelList(sampleList());
  const lines = text.split("\n");
  assert.match(lines[0]!, /^MODEL\s+QUANT\s+SIZE\s+FIT\s+SOURCE\s+PATH$/);
  assert.match(lines[1]!, /^Tiny 2\.3M\s+Q8_0\s+3\.3 MiB\s+fits\s+user\s+\/models\/tiny-q8_0\.gguf$/);
  assert.match(lines[2]!, /^\s+Q4_0\s+1\.9 MiB\s+tight\s+user\s+\/models\/tiny-q4_0\.gguf$/);
  assert.match(lines[3]!, /^broken\s+-\s+3\.3 MiB\s+unreadable\s+user\s+\/models\/broken\.gguf$/);
  assert.ok(text.includes("unreadable: /models/broken.gguf: not a GGUF file"));
  assert.ok(text.includes("/models (user, added)"));
  const withAuto = formatModelList({ ...sampleList(), folders: [{ path: "/lms", source: "lmstudio", auto: true, exists: false }, { path: "/gone", source: "user", auto: false, exists: false }] });
  assert.ok(!withAuto.includes("/lms"), "missing automatic folders are left out");
  assert.ok(withAuto.includes("/gone (user, added, missing)"));
  const adapter = formatModelList({ groups: [{ key: "l", name: "L", architecture: null, parameterCount: null, variants: [{ ...sampleEntry({ kind: "adapter", quant: null }), estimate: null }] }], folders: [], scanErrors: [] });
  assert.match(adapter.split("\n")[1]!, /^L\s+\(adapter\)\s+3\.3 MiB/);
  assert.equal(formatModelList({ groups: [], folders: [], scanErrors: [] }), "No models found.\n");
});

test("inspect, scan and engine info print their key fields", () => {
  const inspect = formatModelInspect({ ...sampleEntry(), estimate: sampleEstimate, chatTemplate: "{{x}}", metadata: { "general.name": "Tiny" } });
  assert.match(inspect, /Name:\s+Tiny/);
  assert.match(inspect, /Quant:\s+Q8_0/);
  assert.match(inspect, /Fit:\s+fits — 20 MiB RAM at 2048 tokens, 0 GPU layers \(4\.0 GiB RAM free\)/);
  assert.match(inspect, /Metadata:\s+1 keys/);
  assert.doesNotMatch(inspect, /SHA-256|Error/); // null fields are left out
  const scan = formatFolderScan({ folder: { path: "/m", source: "user", auto: false, exists: true }, models: [sampleEntry()] });
  assert.match(scan, /Folder \/m/);
  assert.match(scan, /Tiny\s+Q8_0\s+3\.3 MiB\s+\/models\/tiny-q8_0\.gguf/);
  const info = formatEngineInfo({ version: "0.1.0", pid: 7, node: "v20", platform: "linux", arch: "x64", cpus: 2, dataDir: "/d", uptimeMs: 5, gpu: false });
  assert.match(info, /GPU:\s+none \(CPU\)/);
  assert.match(info, /Data folder:\s+\/d/);
});

test("colour only on a terminal and never with NO_COLOR", () => {
  assert.equal(styleFor({ isTTY: true }, {}), ANSI);
  assert.equal(styleFor({ isTTY: false }, {}), PLAIN);
  assert.equal(styleFor({ isTTY: true }, { NO_COLOR: "1" }), PLAIN);
  assert.equal(styleFor({ isTTY: false }, { FORCE_COLOR: "1" }), ANSI);
});
