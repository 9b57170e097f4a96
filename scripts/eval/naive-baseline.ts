// The naive baseline the issue measures Enclave against, built the same way every time:
// `pdftotext` per page (form feeds split the pages), fixed 900-character windows with no overlap,
// one LanceDB table with a full-text index using English stemming, stop-word removal and ASCII
// folding, and the question sent as it is. A window is cited by the page it was cut from.
import "../../native/rag/index/lance-threads.ts";
import { connect, Index, type Table } from "@lancedb/lancedb";
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import type { RankedSource } from "../../native/rag/eval/index.ts";

export const WINDOW_CHARS = 900;

export interface NaiveIndex {
  search(question: string, k: number): Promise<RankedSource[]>;
  close(): void;
}

export async function buildNaiveIndex(dir: string, pdfs: readonly string[]): Promise<NaiveIndex> {
  const rows: { file: string; page: number; text: string }[] = [];
  for (const pdf of pdfs) {
    const pages = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 256 << 20 }).toString("utf8").split("\f");
    for (const [i, text] of pages.entries()) {
      for (let at = 0; at < text.length; at += WINDOW_CHARS) {
        const window = text.slice(at, at + WINDOW_CHARS);
        if (window.trim()) rows.push({ file: basename(pdf), page: i + 1, text: window });
      }
    }
  }
  const db = await connect(dir);
  const table: Table = await db.createTable("naive", rows, { mode: "overwrite" });
  await table.createIndex("text", { config: Index.fts({ language: "English", stem: true, removeStopWords: true, asciiFolding: true, lowercase: true }) });
  return {
    async search(question, k) {
      const found = await table.search(question, "fts").select(["file", "page", "_score"]).limit(k).toArray();
      return found.map((r) => ({ file: String(r.file), page: Number(r.page) }));
    },
    close: () => db.close(),
  };
}
