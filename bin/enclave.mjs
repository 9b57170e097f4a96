#!/usr/bin/env node
// The `enclave` command. Runs the TypeScript sources through tsx's loader so that the CLI, the tests
// and the engine process all execute the same files without a separate build step.
import { register } from "tsx/esm/api";

register();
await import("../native/cli/main.ts");
