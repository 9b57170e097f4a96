// Types for audit-verdict.mjs.
export declare function auditVerdict(run: { status: number | null; stdout: string; stderr: string }): { ok: boolean; reachable: boolean; lines: string[] };
