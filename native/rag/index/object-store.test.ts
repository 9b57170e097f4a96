import { test } from "node:test";
import assert from "node:assert/strict";
import { isObjectStoreUri, objectStoreOptions, teamIndexFromEnv } from "./object-store.ts";

test("an internal S3 endpoint comes from the environment; http only for an http endpoint; no secrets copied", () => {
  assert.equal(isObjectStoreUri("s3://team/index"), true);
  assert.equal(isObjectStoreUri("/home/ana/index"), false);
  const env = { ENCLAVE_S3_ENDPOINT: "http://127.0.0.1:9000", AWS_REGION: "eu-north-1", AWS_SECRET_ACCESS_KEY: "s3cr3t" };
  assert.deepEqual(objectStoreOptions("s3://team/index", env), { endpoint: "http://127.0.0.1:9000", aws_virtual_hosted_style_request: "false", allow_http: "true", region: "eu-north-1" });
  assert.deepEqual(objectStoreOptions("s3://team/index", { AWS_ENDPOINT_URL: "https://minio.corp" }), { endpoint: "https://minio.corp", aws_virtual_hosted_style_request: "false" });
  assert.deepEqual(objectStoreOptions("gs://team/index", env), {});
});

test("ENCLAVE_RAG_URI names a team index on object storage; anything else is refused clearly", () => {
  assert.equal(teamIndexFromEnv({}), undefined);
  assert.deepEqual(teamIndexFromEnv({ ENCLAVE_RAG_URI: "s3://team/index/", ENCLAVE_S3_ENDPOINT: "http://127.0.0.1:9000" }), {
    uri: "s3://team/index",
    storageOptions: { endpoint: "http://127.0.0.1:9000", aws_virtual_hosted_style_request: "false", allow_http: "true" },
  });
  assert.throws(() => teamIndexFromEnv({ ENCLAVE_RAG_URI: "/srv/index" }), { code: "INVALID_INPUT", message: /s3:\/\/, gs:\/\/ or az:\/\// });
});
