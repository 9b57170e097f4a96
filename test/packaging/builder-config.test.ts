// electron-builder.yml against electron-builder's own schema and validator (app-builder-lib's
// validateConfiguration, the check `electron-builder` runs before every build), and the per-build
// adjustments of scripts/packaging/builder-config.mjs: signing from the environment only, CUDA
// opt-in. No build runs here; packaged-app.test.ts builds one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { configForBuild, loadBuilderConfig, signingStatus } from "../../scripts/packaging/builder-config.mjs";
import { renderNotices } from "../../scripts/packaging/licenses.mjs";

type Config = Record<string, unknown> & { files: string[]; win: Record<string, unknown>; mac: Record<string, unknown> };
const require = createRequire(import.meta.url);
const { validateConfiguration } = require("app-builder-lib/out/util/config/config") as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quiet = { isEnabled: false, add: () => undefined };
const base = loadBuilderConfig() as Config;

test("electron-builder.yml passes electron-builder's own schema, as written and as adjusted for a signed CUDA build", async () => {
  await validateConfiguration(base, quiet);
  const env = {
    AZURE_TRUSTED_SIGNING_ENDPOINT: "https://weu.codesigning.azure.net",
    AZURE_TRUSTED_SIGNING_ACCOUNT: "acct",
    AZURE_TRUSTED_SIGNING_PROFILE: "profile",
    AZURE_TRUSTED_SIGNING_PUBLISHER: "Example Corp",
    APPLE_API_KEY: "/keys/AuthKey.p8",
    APPLE_API_KEY_ID: "KEYID",
    APPLE_API_ISSUER: "issuer",
  };
  await validateConfiguration(configForBuild(base, { env, cuda: true, electronDist: "/opt/electron", output: "/tmp/out" }), quiet);
});

test("the validator refuses a misspelt option (so the check above can fail)", async () => {
  await assert.rejects(validateConfiguration({ ...base, nsis: { oneclick: false } }, quiet), /does not match the API schema[\s\S]*configuration\.nsis/);
});

test("every target IT asked for is configured, with auto-update left off", () => {
  const targets = (platform: "win" | "mac" | "linux") => ((base[platform] as { target: { target: string }[] }).target ?? []).map((t) => t.target);
  assert.deepEqual(targets("win"), ["nsis", "msi"]);
  assert.deepEqual(targets("mac"), ["dmg", "zip"]);
  assert.deepEqual(targets("linux"), ["AppImage", "deb", "rpm", "tar.gz"]);
  assert.equal((base.nsis as { oneClick: boolean }).oneClick, false);
  assert.equal((base.nsis as { deleteAppDataOnUninstall: boolean }).deleteAppDataOnUninstall, false);
  assert.equal(base.mac.hardenedRuntime, true);
  assert.equal(base.mac.notarize, false, "notarisation is switched on from the environment only");
  assert.deepEqual(base.publish, { provider: "generic", url: "https://updates.enclave.invalid/${os}/${arch}", channel: "latest", publishAutoUpdate: false });
});

test("signing comes from the environment and nothing secret is written into the configuration", () => {
  const env = { CSC_LINK: "/secret/cert.p12", CSC_KEY_PASSWORD: "hunter2", APPLE_API_KEY: "/secret/key.p8", APPLE_API_KEY_ID: "ID", APPLE_API_ISSUER: "ISS" };
  const config = configForBuild(base, { env });
  const text = JSON.stringify(config);
  for (const secret of ["hunter2", "/secret/cert.p12", "/secret/key.p8"]) assert.ok(!text.includes(secret), `${secret} leaked into the configuration`);
  assert.equal((config as Config).mac.notarize, true);
  assert.equal((configForBuild(base, { env: { APPLE_API_KEY: "k", APPLE_API_KEY_ID: "i" } }) as Config).mac.notarize, false, "all three APPLE_API_* are needed");
  assert.equal((configForBuild(base, { env: {} }) as Config).win.azureSignOptions, undefined);
  assert.deepEqual(base, loadBuilderConfig(), "the loaded configuration is not mutated");
});

test("an unsigned build says so, per platform", () => {
  assert.equal(signingStatus({}, "win32").signed, false);
  assert.match(signingStatus({}, "win32").how, /SmartScreen/);
  assert.equal(signingStatus({ CSC_LINK: "x" }, "win32").signed, true);
  assert.match(signingStatus({ CSC_LINK: "x" }, "darwin").how, /NOT notarised/);
  assert.equal(signingStatus({}, "darwin").signed, false);
  assert.match(signingStatus({}, "linux").how, /SHA-256/);
});

test("CUDA variants stay out unless asked for; only this OS/arch's node-llama-cpp binaries go in", () => {
  const exclusion = "!node_modules/@node-llama-cpp/*-cuda*/**";
  assert.ok(base.files.includes(exclusion));
  assert.ok(!(configForBuild(base, { cuda: true }) as Config).files.includes(exclusion));
  assert.ok(base.files.includes("!node_modules/@node-llama-cpp/**"));
  assert.ok(base.files.includes("node_modules/@node-llama-cpp/${os}-${arch}/**"));
  assert.ok(base.files.indexOf(exclusion) > base.files.indexOf("node_modules/@node-llama-cpp/${os}-${arch}-cuda*/**"), "the exclusion comes after the include it overrides");
});

test("third-party notices list each component with its declared licence and decoded licence text", () => {
  const text = renderNotices({
    metadata: { component: { name: "enclave", version: "1.2.3" } },
    components: [
      { name: "zeta", version: "1.0.0", licenses: [{ license: { id: "MIT" } }], evidence: { licenses: [{ license: { text: { content: Buffer.from("MIT License\nzeta text").toString("base64"), encoding: "base64" } } }] } },
      { group: "@scope", name: "alpha", version: "2.0.0", licenses: [{ expression: "Apache-2.0 OR MIT" }] },
    ],
  });
  assert.match(text, /^Third-party software in enclave 1\.2\.3/);
  assert.match(text, /2 components/);
  assert.ok(text.indexOf("@scope/alpha 2.0.0") < text.indexOf("zeta 1.0.0"), "sorted by name");
  assert.match(text, /Licence: Apache-2\.0 OR MIT\n\n\(no licence file/);
  assert.match(text, /zeta 1\.0\.0\nLicence: MIT\n\nMIT License\nzeta text/);
});
