import { test } from "node:test";
import assert from "node:assert/strict";
import { sanitiseUploadName, UploadRefused } from "./upload.ts";

test("plain names pass; characters only Windows forbids are replaced; trailing dots and spaces go", () => {
  assert.equal(sanitiseUploadName("report 2024 (final).pdf"), "report 2024 (final).pdf");
  assert.equal(sanitiseUploadName("Überblick – Q3.docx"), "Überblick – Q3.docx");
  assert.equal(sanitiseUploadName('a:b*c?"d<e>f|g.txt'), "a_b_c__d_e_f_g.txt");
  assert.equal(sanitiseUploadName("notes.md. "), "notes.md");
  assert.equal(sanitiseUploadName("..hidden"), "..hidden", "dots inside a name are not a path");
});

test("anything that is not a plain file name is refused, not rewritten", () => {
  for (const name of [null, "", "  ", ".", "..", "../x", "a/b", "a\\b", "/etc/passwd", "C:\\x", "a\u0000b", "a\nb", "x".repeat(256)]) {
    assert.throws(() => sanitiseUploadName(name), (e: unknown) => e instanceof UploadRefused && e.status === 400 && e.code === "INVALID_INPUT", JSON.stringify(name));
  }
});
