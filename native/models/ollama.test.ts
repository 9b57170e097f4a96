import { test } from "node:test";
import assert from "node:assert/strict";
import { digestFromBlobName, ollamaBlobPath, ollamaDisplayName, parseOllamaManifest } from "./ollama.ts";

const HEX = "6a0746a1ec1aef3e7ec53868f220ff6e389f6f8ef87a01d77c96807de94ca2aa";
const manifest = {
  schemaVersion: 2,
  mediaType: "application/vnd.docker.distribution.manifest.v2+json",
  config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: `sha256:${"1".repeat(64)}`, size: 485 },
  layers: [
    { mediaType: "application/vnd.ollama.image.model", digest: `sha256:${HEX}`, size: 4661211424 },
    { mediaType: "application/vnd.ollama.image.template", digest: `sha256:${"2".repeat(64)}`, size: 1481 },
    { mediaType: "application/vnd.ollama.image.license", digest: `sha256:${"3".repeat(64)}`, size: 12403 },
    { mediaType: "application/vnd.ollama.image.adapter", digest: `sha256:${"4".repeat(64)}`, size: 100 },
  ],
};

test("a manifest gives its model and adapter layers, digests as hex", () => {
  assert.deepEqual(parseOllamaManifest(JSON.stringify(manifest)), [
    { sha256: HEX, size: 4661211424, kind: "model" },
    { sha256: "4".repeat(64), size: 100, kind: "adapter" },
  ]);
});

test("broken manifests are refused with a reason", () => {
  assert.throws(() => parseOllamaManifest("{"), /not valid JSON/);
  assert.throws(() => parseOllamaManifest("{}"), /no layers/);
  assert.throws(
    () => parseOllamaManifest(JSON.stringify({ layers: [{ mediaType: "application/vnd.ollama.image.model", digest: "md5:abc" }] })),
    /not a sha256 digest/,
  );
  assert.deepEqual(parseOllamaManifest(JSON.stringify({ layers: [] })), []);
});

test("display names drop the default registry and namespace", () => {
  assert.equal(ollamaDisplayName("registry.ollama.ai/library/llama3/8b"), "llama3:8b");
  assert.equal(ollamaDisplayName("registry.ollama.ai/me/tiny/latest"), "me/tiny:latest");
  assert.equal(ollamaDisplayName("hf.co/org/model/Q4_K_M"), "hf.co/org/model:Q4_K_M");
});

test("blob names and paths carry the digest", () => {
  assert.equal(digestFromBlobName(`sha256-${HEX}`), HEX);
  assert.equal(digestFromBlobName("sha256-xyz"), null);
  assert.match(ollamaBlobPath("/o/models", HEX), new RegExp(`blobs[\\\\/]sha256-${HEX}$`));
});
