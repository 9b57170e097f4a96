// `enclave search "query" --collection NAME`: the passages that match, with file and page.
import path from "node:path";
import { expectPositionals, intOption, stringOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { UsageError } from "../../host/exit-codes.ts";
import { formatJson, type Style } from "../output.ts";
import type { SearchHit } from "../../contract/rag.ts";
import { citedPage } from "../../rag/retrieve/cited-page.ts";

const usage = `Usage: enclave search <query> --collection NAME [--k N] [--json]

Searches a collection: hybrid (vector + full text) when an embedding model is set, full text
otherwise. Prints each passage with its file and page, the query terms highlighted.

Options:
  --collection NAME  the collection to search
  --k N              how many passages (default 8, at most 100)
  --json             print [{file, page, pageEnd, text, score, highlights}] as JSON

${GLOBAL_OPTIONS_HELP}`;

export const searchCommand: Command = {
  words: ["search"],
  summary: "Search a document collection",
  usage,
  options: { collection: { type: "string" }, k: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const [query] = expectPositionals(ctx.args, ["query"], usage);
    const collection = stringOption(ctx.args.values, "collection");
    if (!collection) throw new UsageError("--collection NAME is required", usage);
    const k = intOption(ctx.args.values, "k", { min: 1, max: 100 }, usage);
    const client = await ctx.engine();
    const { hits } = await client.call("rag.search", { query: query!, collection, ...(k !== undefined && { k }) }, { signal: ctx.signal });
    if (ctx.args.values.json === true) {
      ctx.io.stdout.write(formatJson(hits.map((h) => ({ file: h.file, page: citedPage(h), pageStart: h.pageStart, pageEnd: h.pageEnd, text: h.text, score: h.score, highlights: h.highlights, documentId: h.documentId }))));
      return;
    }
    ctx.io.stdout.write(hits.length === 0 ? "No passages found.\n" : formatHits(hits, ctx.style.out));
  },
};

export function formatHits(hits: readonly SearchHit[], style: Style): string {
  return hits
    .map((h) => {
      const pages = h.pageEnd !== h.pageStart ? `${h.pageStart}-${h.pageEnd}` : String(h.pageStart);
      const where = `${style.bold(`${path.basename(h.file)}:${pages}`)}  ${style.dim(`${h.file} · score ${h.score.toFixed(3)}`)}`;
      return `${where}\n${highlightText(h.text, h.highlights, style)}\n`;
    })
    .join("\n");
}

function highlightText(text: string, highlights: SearchHit["highlights"], style: Style): string {
  let out = "";
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    out += text.slice(at, start) + style.bold(text.slice(start, end));
    at = end;
  }
  return `  ${(out + text.slice(at)).replace(/\s*\n\s*/g, "\n  ")}`;
}
