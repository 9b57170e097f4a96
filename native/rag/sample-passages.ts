// A stable sample of a collection's indexed text, for measuring models on the user's own documents
// (the quant lab): ready documents in path order, each one's current chunks in reading order, until
// about `maxChars` characters. The same index gives the same sample, so results can be cached by it.
import type { RagStore } from "./index/index.ts";
import { sql } from "./index/sql.ts";

export async function samplePassages(store: RagStore, collection: string, maxChars: number): Promise<string[]> {
  const out: string[] = [];
  let chars = 0;
  for (const doc of await store.listDocuments({ collection, status: "ready" })) {
    const rows = await store.chunks
      .query()
      .where(`documentId = ${sql(doc.id)} AND docVersion = ${doc.version}`)
      .select(["text", "chunkIndex"])
      .toArray();
    rows.sort((a, b) => Number(a.chunkIndex) - Number(b.chunkIndex));
    for (const row of rows) {
      const text = String(row.text);
      out.push(text);
      chars += text.length;
      if (chars >= maxChars) return out;
    }
  }
  return out;
}
