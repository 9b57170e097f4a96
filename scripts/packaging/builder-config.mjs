// electron-builder.yml, read and adjusted for one build: signing and notarisation from the
// environment only, the optional CUDA variants, where Electron comes from and where output goes.
// Pure functions over plain objects, so test/packaging/ checks them without building anything.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CONFIG_FILE = join(ROOT, "electron-builder.yml");
const CUDA_EXCLUSION = "!node_modules/@node-llama-cpp/*-cuda*/**";

export function loadBuilderConfig(file = CONFIG_FILE) {
  return yaml.load(readFileSync(file, "utf8"));
}

/** Which platforms this build can sign, from the environment electron-builder itself reads. */
export function signingStatus(env, platform) {
  const has = (name) => typeof env[name] === "string" && env[name] !== "";
  if (platform === "win32") {
    if (has("AZURE_TRUSTED_SIGNING_ENDPOINT")) return { signed: true, how: "Azure Trusted Signing" };
    if (has("WIN_CSC_LINK") || has("CSC_LINK")) return { signed: true, how: "certificate from WIN_CSC_LINK / CSC_LINK" };
    return { signed: false, how: "no CSC_LINK / WIN_CSC_LINK and no AZURE_TRUSTED_SIGNING_ENDPOINT: Windows SmartScreen will warn" };
  }
  if (platform === "darwin") {
    const identity = has("CSC_LINK") || has("CSC_NAME");
    const notarize = has("APPLE_API_KEY") && has("APPLE_API_KEY_ID") && has("APPLE_API_ISSUER");
    if (identity && notarize) return { signed: true, how: "Developer ID from CSC_LINK / CSC_NAME, notarised with the App Store Connect API key" };
    if (identity) return { signed: true, how: "Developer ID from CSC_LINK / CSC_NAME, NOT notarised (set APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER): Gatekeeper will block it" };
    return { signed: false, how: "no CSC_LINK / CSC_NAME: Gatekeeper will refuse to open it" };
  }
  return { signed: false, how: "Linux packages carry no code signature: publish SHA-256 sums (release/SHA256SUMS) and sign your repository" };
}

/**
 * The configuration for one run. `options.env` is where signing comes from; nothing secret is ever
 * written into the configuration itself (electron-builder reads CSC_* and APPLE_* from the
 * environment directly), only the Azure account names and the switch to notarise.
 */
export function configForBuild(base, options) {
  const { env = {}, cuda = false, electronDist = null, output = null } = options;
  const config = structuredClone(base);
  if (cuda) config.files = config.files.filter((pattern) => pattern !== CUDA_EXCLUSION);
  if (electronDist) config.electronDist = electronDist;
  if (output) config.directories = { ...config.directories, output };
  if (env.AZURE_TRUSTED_SIGNING_ENDPOINT) {
    config.win = {
      ...config.win,
      azureSignOptions: {
        endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT,
        codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT,
        certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE,
        publisherName: env.AZURE_TRUSTED_SIGNING_PUBLISHER,
      },
    };
  }
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) config.mac = { ...config.mac, notarize: true };
  return config;
}
