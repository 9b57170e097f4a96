#!/usr/bin/env node
// Third-party notices for what ships: every production component of the CycloneDX SBOM (sbom.mjs)
// with its declared licence and the licence texts the generator found in the package, written to
// dist/renderer/third-party-licenses.txt. The renderer folder is served by the app (app://) and the
// web host alike, so the About panel can show the file in both; it travels inside the package.
// Usage: node scripts/packaging/licenses.mjs [sbom-file]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SBOM, writeSbom } from "./sbom.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const NOTICES_FILE = join(root, "dist", "renderer", "third-party-licenses.txt");

function declared(component) {
  const names = (component.licenses ?? []).map((entry) => entry.expression ?? entry.license?.id ?? entry.license?.name).filter(Boolean);
  return names.length > 0 ? names.join(" AND ") : "no licence declared";
}

function texts(component) {
  return (component.evidence?.licenses ?? [])
    .map((entry) => entry.license?.text)
    .filter((text) => text && typeof text.content === "string")
    .map((text) => (text.encoding === "base64" ? Buffer.from(text.content, "base64").toString("utf8") : text.content));
}

/** The notices text for a CycloneDX BOM object: one section per component, sorted by name and version. */
export function renderNotices(bom) {
  const app = bom.metadata?.component;
  const components = [...(bom.components ?? [])].sort((a, b) => `${a.group ?? ""}/${a.name}@${a.version}`.localeCompare(`${b.group ?? ""}/${b.name}@${b.version}`));
  const rule = "-".repeat(78);
  const sections = components.map((c) => {
    const name = c.group ? `${c.group}/${c.name}` : c.name;
    const body = texts(c);
    return [rule, `${name} ${c.version ?? ""}`.trim(), `Licence: ${declared(c)}`, "", ...(body.length > 0 ? body.map((t) => t.trimEnd()) : ["(no licence file in the package; see its declared licence above)"]), ""].join("\n");
  });
  return [
    `Third-party software in ${app?.name ?? "Enclave"} ${app?.version ?? ""}`.trimEnd(),
    `${components.length} components, from the CycloneDX SBOM of the production dependencies (npm run sbom).`,
    "",
    ...sections,
  ].join("\n");
}

export function writeNotices(sbomFile = DEFAULT_SBOM, outFile = NOTICES_FILE) {
  if (!existsSync(sbomFile)) writeSbom(sbomFile);
  const bom = JSON.parse(readFileSync(sbomFile, "utf8"));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderNotices(bom));
  return { outFile, components: bom.components?.length ?? 0 };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  try {
    const { outFile, components } = writeNotices(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SBOM);
    console.log(`third-party notices (${components} components): ${outFile}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
