// Types for licenses.mjs.
export declare const NOTICES_FILE: string;
export declare function renderNotices(bom: unknown): string;
export declare function writeNotices(sbomFile?: string, outFile?: string): { outFile: string; components: number };
