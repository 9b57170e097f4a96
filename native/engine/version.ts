// The engine's version, from package.json, so that every transport reports the same one.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const ENGINE_VERSION: string = (require("../../package.json") as { version: string }).version;
