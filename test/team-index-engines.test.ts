// A team index end to end: two engines (two team members' machines) whose ENCLAVE_RAG_URI names the
// same bucket on an S3-compatible server on loopback (s3rver, standing in for MinIO or an internal
// endpoint), credentials from the environment. One creates and ingests a collection; the other lists
// it, searches it and adds to it; each sees the other's documents. Deleting one user's data leaves the
// team's documents alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { DELETE_ALL_CONFIRMATION } from "../native/contract/data.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let server: S3rver;
let scratch: string;
let alice: TestEngine;
let bob: TestEngine;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "enclave-team-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: scratch, configureBuckets: [{ name: "team", configs: [] }] });
  const { port } = await server.run();
  // s3rver accepts this fixed key pair; a real endpoint's come from the same variables.
  const env = { ENCLAVE_RAG_URI: "s3://team/enclave", ENCLAVE_S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
  alice = await startTestEngine({ env });
  bob = await startTestEngine({ env });
});
after(async () => {
  await alice?.close();
  await bob?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("a collection on S3 is created, ingested, listed and searched by two engines", async () => {
  const a = fixtureDir("enclave-team-a-");
  a.write("lease.md", "# Lease\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n");
  const run = await alice.client.call("rag.ingest", { paths: [a.dir], collection: "team" });
  assert.deepEqual(run.files.map((f) => f.outcome), ["added"]);

  const listed = await bob.client.call("rag.collections", {});
  assert.deepEqual(listed.collections.map((c) => [c.name, c.documents]), [["team", 1]], "bob lists alice's collection");
  const found = await bob.client.call("rag.search", { query: "lease ZX-4471", collection: "team" });
  assert.ok(found.hits[0]?.file.endsWith("lease.md"), "bob finds alice's passage");

  const b = fixtureDir("enclave-team-b-");
  b.write("boiler.md", "# Boiler\n\nThe boiler of unit ZX-4472 was replaced in 2024.\n");
  await bob.client.call("rag.ingest", { paths: [b.dir], collection: "team" });
  const documents = await alice.client.call("rag.documents", { collection: "team" });
  assert.deepEqual(documents.documents.map((d) => d.path.split("/").at(-1)).sort(), ["boiler.md", "lease.md"], "alice sees bob's document");
  const hits = await alice.client.call("rag.search", { query: "boiler replaced", collection: "team" });
  assert.ok(hits.hits[0]?.file.endsWith("boiler.md"));
});

test("deleting one user's data leaves the team's documents", async () => {
  const deleted = await bob.client.call("data.deleteAll", { confirm: DELETE_ALL_CONFIRMATION });
  assert.equal(deleted.collections, 0);
  assert.deepEqual((await alice.client.call("rag.collections", {})).collections.map((c) => [c.name, c.documents]), [["team", 2]]);
});
