// Builds the public evaluation corpus (test/eval/sources.json) from Debian packages: `apt-get
// download` of each package, `dpkg-deb -x`, the named documentation files copied out, the scanned
// page rendered with poppler's `pdftoppm` and wrapped in a text-less PDF. Needs apt (Debian's
// registry), dpkg-deb and poppler-utils; runs in the bench, never in `npm test`. Idempotent: what is
// already there is kept.
// Usage: node --import tsx scripts/eval-corpus.ts [OUT_DIR]   (default test/eval/.corpus)
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jpegToPdf } from "./eval/jpeg-pdf.ts";

export interface CorpusDocument {
  file: string;
  package: string;
  path: string;
  lang: "en" | "fr" | "de";
  kind: string;
  licence: string;
  /** Render this page of `path` as a scan (no text layer) instead of copying the file. */
  scanPage?: number;
}

const root = fileURLToPath(new URL("..", import.meta.url));
export const SOURCES = join(root, "test/eval/sources.json");
export const QUESTIONS = join(root, "test/eval/questions.jsonl");
export const DEFAULT_CORPUS_DIR = join(root, "test/eval/.corpus");

export async function corpusDocuments(): Promise<CorpusDocument[]> {
  return (JSON.parse(await readFile(SOURCES, "utf8")) as { documents: CorpusDocument[] }).documents;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Makes `<out>/docs/<file>` for every document; returns that folder. */
export async function buildCorpus(out: string = DEFAULT_CORPUS_DIR, log: (line: string) => void = console.error): Promise<string> {
  const docs = await corpusDocuments();
  const debs = join(out, "debs");
  const trees = join(out, "pkg");
  const dest = join(out, "docs");
  await mkdir(debs, { recursive: true });
  await mkdir(dest, { recursive: true });
  const packages = [...new Set(docs.map((d) => d.package))];
  for (const pkg of packages) {
    const tree = join(trees, pkg);
    if (await exists(tree)) continue;
    let deb = (await readdir(debs)).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
    if (!deb) {
      log(`apt-get download ${pkg}`);
      execFileSync("apt-get", ["download", pkg], { cwd: debs, stdio: ["ignore", "ignore", "inherit"] });
      deb = (await readdir(debs)).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
      if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
    }
    await mkdir(tree, { recursive: true });
    execFileSync("dpkg-deb", ["-x", join(debs, deb), tree]);
  }
  for (const d of docs) {
    const target = join(dest, d.file);
    if (await exists(target)) continue;
    const source = join(trees, d.package, d.path);
    if (!(await exists(source))) throw new Error(`${d.package} has no ${d.path}`);
    if (d.scanPage === undefined) {
      await copyFile(source, target);
    } else {
      const stem = join(out, "scan");
      execFileSync("pdftoppm", ["-f", String(d.scanPage), "-l", String(d.scanPage), "-r", "150", "-gray", "-jpeg", "-singlefile", source, stem]);
      await writeFile(target, jpegToPdf(await readFile(`${stem}.jpg`), 150));
    }
    log(`${d.file}  ← ${d.package}:/${d.path}${d.scanPage ? ` (page ${d.scanPage} as a scan)` : ""} · ${d.licence} · /usr/share/doc/${d.package}/copyright`);
  }
  return dest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await buildCorpus(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CORPUS_DIR);
  console.log(dir);
}
