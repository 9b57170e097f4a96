import { test } from "node:test";
import assert from "node:assert/strict";
import { PolicyService, isLoopbackHost } from "./policy-service.ts";
import { parsePolicy } from "./load.ts";
import { policyPath } from "./locate.ts";
import { isEngineError } from "../contract/errors.ts";
import { DEFAULT_SETTINGS } from "../contract/settings.ts";

const service = (json: unknown) => new PolicyService(parsePolicy("/p.json", JSON.stringify(json)));

test("the policy file's place per OS, and ENCLAVE_POLICY over it", () => {
  assert.equal(policyPath({}, "linux"), "/etc/enclave/policy.json");
  assert.equal(policyPath({}, "darwin"), "/Library/Application Support/Enclave/policy.json");
  assert.match(policyPath({ ProgramData: "D:\\PD" }, "win32"), /^D:\\PD.Enclave.policy\.json$/);
  assert.equal(policyPath({ ENCLAVE_POLICY: "/tmp/x.json" }, "linux"), "/tmp/x.json");
});

test("an invalid policy names the key: unknown, nested, wrong type", () => {
  assert.match(parsePolicy("/p", JSON.stringify({ forceOfline: true })).error!, /forceOfline/);
  assert.match(parsePolicy("/p", JSON.stringify({ audit: { questions: "all" } })).error!, /audit\.questions/);
  assert.match(parsePolicy("/p", JSON.stringify({ models: { allowed: [{ sha256: "abc" }] } })).error!, /models\.allowed\.0\.sha256/);
  assert.equal(parsePolicy("/p", "[]").state, "invalid");
  const broken = service({ maxContext: "big" });
  assert.throws(() => broken.assertValid(), (err) => isEngineError(err, "POLICY_INVALID") && /maxContext/.test(err.message));
});

test("apiServer: absent allows any host; off none; loopback only loopback; allowedHosts those and loopback", () => {
  assert.equal(service({}).allowsApiServerBind("0.0.0.0"), true);
  assert.equal(service({ apiServer: "off" }).allowsApiServerBind("127.0.0.1"), false);
  const loop = service({ apiServer: "loopback" });
  assert.deepEqual(["127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.5"].map((h) => loop.allowsApiServerBind(h)), [true, true, true, false, false]);
  const hosts = service({ apiServer: { allowedHosts: ["10.0.0.5"] } });
  assert.deepEqual(["10.0.0.5", "127.0.0.1", "0.0.0.0"].map((h) => hosts.allowsApiServerBind(h)), [true, true, false]);
});

test("remoteBackends defaults to allowed and false forbids them", () => {
  assert.equal(service({}).remoteBackendsAllowed, true);
  assert.equal(service({ remoteBackends: false }).remoteBackendsAllowed, false);
});

test("maxContext clamps stored settings and refuses larger values", () => {
  const p = service({ maxContext: 2048 });
  assert.equal(p.clampSettings({ ...DEFAULT_SETTINGS, contextSize: 8192 }).contextSize, 2048);
  assert.throws(() => p.checkSettings({ ...DEFAULT_SETTINGS, contextSize: 4096 }), (err) => isEngineError(err, "POLICY_DENIED"));
  p.checkSettings({ ...DEFAULT_SETTINGS, contextSize: 2048 });
});

test("blocked terms match case-insensitively; the mandatory prompt comes first", () => {
  const p = service({ blockedTerms: ["Project X"], systemPrompt: "Be careful." });
  assert.equal(p.blockedTermIn("about project x today"), "Project X");
  assert.equal(p.blockedTermIn("about projects"), null);
  assert.equal(p.systemPrompt("Be terse."), "Be careful.\n\nBe terse.");
  assert.equal(p.systemPrompt(""), "Be careful.");
  assert.equal(service({}).systemPrompt("Be terse."), "Be terse.");
});

test("loopback hosts", () => {
  assert.deepEqual(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", "a.localhost"].map(isLoopbackHost), [true, true, true, true, true, true, true]);
  assert.deepEqual(["0.0.0.0", "10.0.0.1", "example.com", "::", "localhost.example.com"].map(isLoopbackHost), [false, false, false, false, false]);
});
