// A numbered source an answer cites, with the check of every span the answer quotes from it.
// Its own file because both conversations (messages keep their citations) and rag use it.
import { z } from "zod";

export const Citation = z.object({
  /** The [n] the answer uses. */
  n: z.number().int().min(1),
  documentId: z.string(),
  file: z.string(),
  page: z.number().int(),
  pageEnd: z.number().int(),
  text: z.string(),
  score: z.number(),
  /** Whether each quoted span the answer attributes to this source occurs in it. */
  quotes: z.array(z.object({ text: z.string(), verified: z.boolean() })),
  /** True when every quote attributed to this source was found in it (true if none were quoted). */
  verified: z.boolean(),
});
export type Citation = z.infer<typeof Citation>;
