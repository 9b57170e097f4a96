// A document is identified by its content within a collection. The same bytes under another path
// (an upload's fresh folder, a copy) are the document already indexed, not a second one; the same
// bytes whose old path is gone are that document renamed or moved. Two documents of one content
// would make answers cite the same page twice as [1] and [2].
import { stat } from "node:fs/promises";
import type { DocumentRecord, RagStore } from "../index/index.ts";

export type ContentIdentity =
  /** No other document of this content: ingest as usual. */
  | { kind: "own" }
  /** Already indexed as `twin`, whose file still exists elsewhere: nothing to index. */
  | { kind: "duplicate"; twin: DocumentRecord }
  /** `twin`'s file is gone and these bytes are here: the same document, renamed. */
  | { kind: "renamed"; twin: DocumentRecord };

/** The document recorded for this path: by its id, or (after a rename kept an older id) by path. */
export async function documentAtPath(store: RagStore, id: string, collection: string, path: string): Promise<DocumentRecord | undefined> {
  return (await store.getDocument(id)) ?? (await store.listDocuments({ collection, path }))[0];
}

/** How a file of `sha256` at `path` relates to the ready documents of its collection. */
export async function contentIdentity(store: RagStore, collection: string, path: string, sha256: string, atPath: DocumentRecord | undefined): Promise<ContentIdentity> {
  if (atPath?.status === "ready" && atPath.sha256 === sha256) return { kind: "own" };
  const twins = (await store.listDocuments({ collection, sha256, status: "ready" })).filter((d) => d.id !== atPath?.id && d.path !== path);
  if (twins.length === 0) return { kind: "own" };
  for (const twin of twins) if (await exists(twin.path)) return { kind: "duplicate", twin };
  return { kind: "renamed", twin: twins[0]! };
}

/** Whether a path exists; anything but "not there" (a permission error, say) counts as there. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ENOENT";
  }
}
