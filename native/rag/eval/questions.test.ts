import { test } from "node:test";
import assert from "node:assert/strict";
import { EngineError } from "../../contract/errors.ts";
import { evalFormatOf, parseEvalQuestions } from "./questions.ts";

test("JSONL: fields read, paths reduced to file names, empty page means any page, blank lines skipped", () => {
  const text = [
    '{"question":"How long is the warranty?","file":"docs/manual.pdf","page":12,"answer":"two years"}',
    "",
    '{"question":"What does README say about ports?","file":"README.md","page":null}',
    '{"question":"Wo steht die Garantie?","file":"C:\\\\Daten\\\\handbuch.pdf","page":"3"}',
  ].join("\n");
  assert.deepEqual(parseEvalQuestions(text, "jsonl"), [
    { line: 1, question: "How long is the warranty?", file: "manual.pdf", page: 12, answer: "two years" },
    { line: 3, question: "What does README say about ports?", file: "README.md", page: null },
    { line: 4, question: "Wo steht die Garantie?", file: "handbuch.pdf", page: 3 },
  ]);
});

test("CSV: header in any order and case, quoted commas, extra columns ignored, empty page", () => {
  const text = 'File,Page,Question,notes\nmanual.pdf,12,"Warranty, how long?",x\nREADME.md,,Which port?,\n';
  assert.deepEqual(parseEvalQuestions(text, "csv"), [
    { line: 2, question: "Warranty, how long?", file: "manual.pdf", page: 12 },
    { line: 3, question: "Which port?", file: "README.md", page: null },
  ]);
});

test("every bad record is reported with its line, and nothing is returned", () => {
  const text = ['{"question":"ok","file":"a.pdf","page":1}', "{not json", '{"question":"","file":"a.pdf","page":1}', '{"question":"q","page":1}', '{"question":"q","file":"a.pdf","page":0}', '{"question":"q","file":"a.pdf","page":2.5}'].join("\n");
  assert.throws(
    () => parseEvalQuestions(text, "jsonl"),
    (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.code, "INVALID_INPUT");
      assert.match(err.message, /5 bad record/);
      for (const line of [2, 3, 4, 5, 6]) assert.match(err.message, new RegExp(`line ${line}:`));
      assert.doesNotMatch(err.message, /line 1:/);
      return true;
    },
  );
});

test("an empty set is an error, not a perfect score", () => {
  assert.throws(() => parseEvalQuestions("\n\n", "jsonl"), /no questions/);
  assert.throws(() => parseEvalQuestions("question,file,page\n", "csv"), /no questions/);
});

test("format from the file name", () => {
  assert.equal(evalFormatOf("set.jsonl"), "jsonl");
  assert.equal(evalFormatOf("SET.CSV"), "csv");
  assert.equal(evalFormatOf("set.ndjson"), "jsonl");
  assert.equal(evalFormatOf("set.txt"), undefined);
});
