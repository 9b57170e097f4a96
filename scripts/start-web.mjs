#!/usr/bin/env node
// `npm run start:web`: runs the web host's TypeScript entry through tsx's loader, as bin/enclave.mjs
// does for the CLI, so no separate build step is needed for the Node side.
import { register } from "tsx/esm/api";

register();
await import("../native/web/main.ts");
