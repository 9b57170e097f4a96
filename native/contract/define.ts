// How a contract area declares its methods: each method an input and an output schema. Types for
// callers and handlers are derived from these, so a shape mismatch fails to compile.
import type { z } from "zod";

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Short human description; the CLI and API docs reuse it. */
  summary: string;
}
export type MethodTable = Record<string, MethodSpec>;

export function defineMethods<T extends MethodTable>(table: T): T {
  return table;
}
