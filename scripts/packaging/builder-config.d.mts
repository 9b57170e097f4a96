// Types for builder-config.mjs (plain JavaScript so that it runs before anything is compiled).
export declare const ROOT: string;
export declare const CONFIG_FILE: string;
export declare function loadBuilderConfig(file?: string): Record<string, unknown>;
export declare function signingStatus(env: Record<string, string | undefined>, platform: NodeJS.Platform): { signed: boolean; how: string };
export declare function configForBuild(
  base: Record<string, unknown>,
  options: { env?: Record<string, string | undefined>; cuda?: boolean; electronDist?: string | null; output?: string | null },
): Record<string, unknown>;
