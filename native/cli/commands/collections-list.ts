// `enclave collections list`: every document collection with its counts.
import { expectPositionals } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { formatJson, formatTable } from "../output.ts";

const usage = `Usage: enclave collections list [--json]

Lists every document collection: documents, failed files, chunks, and the embedding model its
vectors were built with ("full-text" when none).

Options:
  --json             print the rag.collections object as JSON

${GLOBAL_OPTIONS_HELP}`;

export const collectionsListCommand: Command = {
  words: ["collections", "list"],
  summary: "List the document collections",
  usage,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx.args, [], usage);
    const client = await ctx.engine();
    const result = await client.call("rag.collections", {}, { signal: ctx.signal });
    if (ctx.args.values.json === true) {
      ctx.io.stdout.write(formatJson(result));
      return;
    }
    if (result.collections.length === 0) {
      ctx.io.stdout.write("No collections yet. Add documents with: enclave ingest <path> --collection NAME\n");
      return;
    }
    const rows = result.collections.map((c) => [c.name, String(c.documents), String(c.failed), String(c.chunks), c.embedderId ? c.embedderId.slice(0, 12) : "full-text"]);
    ctx.io.stdout.write(formatTable(["COLLECTION", "DOCUMENTS", "FAILED", "CHUNKS", "EMBEDDER"], rows, ctx.style.out));
  },
};
