#!/usr/bin/env node
// `npm run sbom`: a CycloneDX 1.6 SBOM of the production dependencies (what the app ships), written
// by CycloneDX's own npm generator from package-lock.json and node_modules — offline, no hand-written
// walker. Licence texts found in each package are gathered as evidence, so the third-party notices
// (licenses.mjs) are generated from the same document IT receives.
// Usage: node scripts/packaging/sbom.mjs [output-file]   (default dist/sbom/enclave.cdx.json)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_SBOM = join(root, "dist", "sbom", "enclave.cdx.json");

export function writeSbom(outFile = DEFAULT_SBOM) {
  // The package exports neither its bin nor package.json: find its folder as Node would.
  const require = createRequire(import.meta.url);
  const dir = (require.resolve.paths("@cyclonedx/cyclonedx-npm") ?? []).map((base) => join(base, "@cyclonedx", "cyclonedx-npm")).find((d) => existsSync(join(d, "package.json")));
  if (!dir) throw new Error("@cyclonedx/cyclonedx-npm is not installed (it is a dev dependency: npm ci)");
  const bin = join(dir, "bin", "cyclonedx-npm-cli.js");
  mkdirSync(dirname(outFile), { recursive: true });
  const args = [bin, "--omit", "dev", "--gather-license-texts", "--flatten-components", "--output-reproducible", "--spec-version", "1.6", "--output-format", "JSON", "--output-file", outFile];
  let result = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  if (result.status !== 0) {
    // `npm ls` refuses a node_modules that differs from the lockfile (extraneous or missing packages
    // after a manual install). Say so, and describe what is actually installed rather than nothing.
    const problems = (result.stderr ?? "").split("\n").filter((line) => /missing:|extraneous:|invalid:/.test(line));
    console.warn(`sbom: npm ls reported ${problems.length} problem(s) with node_modules (run \`npm ci\` for a clean tree); the SBOM describes what is installed:`);
    for (const line of problems.slice(0, 5)) console.warn(`  ${line.trim()}`);
    result = spawnSync(process.execPath, [bin, "--ignore-npm-errors", ...args.slice(1)], { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  }
  if (result.status !== 0) process.stderr.write(result.stderr ?? "");
  if (result.status !== 0) throw new Error(`cyclonedx-npm failed (exit ${result.status}): no SBOM written`);
  return outFile;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  try {
    const out = writeSbom(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SBOM);
    console.log(`SBOM (CycloneDX 1.6, production dependencies): ${out}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
