// The user's own data: deleting all of it at once (typed confirmation, checked here too).
import { z } from "zod";
import { defineMethods } from "./define.ts";

/** What the user must type to confirm; the engine refuses anything else. */
export const DELETE_ALL_CONFIRMATION = "delete all my data";

export const dataMethods = defineMethods({
  "data.deleteAll": {
    summary: "Deletes every conversation, the document index, uploads and caches (the audit log only if the policy allows).",
    input: z.object({ confirm: z.literal(DELETE_ALL_CONFIRMATION) }),
    output: z.object({ conversations: z.number().int(), collections: z.number().int(), uploads: z.boolean(), caches: z.number().int(), auditLog: z.boolean() }),
  },
});
