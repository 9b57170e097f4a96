// The layering rules in eslint.config.js bite: the repository's own config, through ESLint's Node API,
// on snippets that cross a boundary (each must be refused with its layer's reason) and on ones that
// stay inside (none may be). The snippets are linted as if they lived at the given paths; no file is
// written. Type-aware rules are switched off here only because they need the files on disk; the
// layering rule does not use types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
  },
});

/** The layering messages ESLint reports for `code` placed at `filePath`. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  assert.ok(result, `ESLint linted ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${filePath} parsed`);
  const layering = new Set(["no-restricted-imports", "@typescript-eslint/no-restricted-imports"]);
  return result.messages.filter((m) => m.ruleId !== null && layering.has(m.ruleId)).map((m) => m.message);
}

const refused: [file: string, code: string, reason: RegExp][] = [
  ["renderer/features/chat/Probe.tsx", `import { createEngine } from "../../../native/engine/create-engine.ts";\nvoid createEngine;\n`, /renderer imports only the contract/],
  ["renderer/services/probe.ts", `export { handleUpload } from "../../native/web/upload.ts";\n`, /renderer imports only the contract/],
  ["renderer/features/chat/Probe.tsx", `import { ModelsView } from "../models/ModelsView.tsx";\nvoid ModelsView;\n`, /feature imports neither another feature nor the app shell/],
  ["renderer/features/chat/components/Probe.tsx", `import type { ViewerState } from "../../viewer/index.ts";\nexport type S = ViewerState;\n`, /feature imports neither another feature/],
  ["renderer/features/documents/Probe.tsx", `import { App } from "../../app/App.tsx";\nvoid App;\n`, /nor the app shell/],
  ["renderer/shared/models/probe.ts", `import { useChatStore } from "../../features/chat/store.ts";\nvoid useChatStore;\n`, /renderer\/shared is what several features use/],
  ["native/contract/probe.ts", `import { RagService } from "../rag/service.ts";\nvoid RagService;\n`, /contract imports nothing of ours outside native\/contract/],
  ["native/contract/wire/probe.ts", `import type { Engine } from "../../engine/create-engine.ts";\nexport type E = Engine;\n`, /contract imports nothing of ours/],
  ["native/rag/probe.ts", `import { app } from "../../electron/main/index.ts";\nvoid app;\n`, /never imports electron\/ or renderer\//],
  ["native/rag/probe.ts", `import { app } from "electron";\nvoid app;\n`, /runs under plain Node, not Electron/],
  ["native/engine/deep/probe.ts", `import { App } from "../../../renderer/app/App.tsx";\nvoid App;\n`, /never imports electron\/ or renderer\//],
  ["native/web/probe.ts", `import { run } from "../cli/run.ts";\nvoid run;\n`, /host .* does not import the CLI/],
  ["electron/main/probe.ts", `import { run } from "../../native/cli/run.ts";\nvoid run;\n`, /host .* does not import the CLI/],
  ["electron/preload/probe.ts", `import { createEngine } from "../../native/engine/create-engine.ts";\nvoid createEngine;\n`, /preload imports only the contract/],
  ["electron/preload/probe.ts", `import "../main/index.ts";\n`, /preload imports only the contract/],
  ["renderer/features/chat/Probe.tsx", `import { FakeApi } from "../../testing/fake-api.ts";\nvoid FakeApi;\n`, /Only tests and browser-check pages import renderer\/testing/],
  // The preload's bundle stays free of schemas: values only from the contract's plain files.
  ["electron/preload/probe.ts", `import { methods } from "../../native/contract/index.ts";\nvoid methods;\n`, /Bundled into the preload/],
  ["native/contract/wire/probe.ts", `import { z } from "zod";\nvoid z;\n`, /Bundled into the preload/],
  ["native/contract/api.ts", `import { methods } from "./index.ts";\nvoid methods;\n`, /Bundled into the preload/],
];

for (const [file, code, reason] of refused) {
  test(`refused: ${file} importing ${/"([^"]+)"/.exec(code)![1]}`, async () => {
    const errors = await layeringErrors(file, code);
    // A crossing may break two rules (the preload's layer and its plain-imports rule); the layer's
    // reason must be among them.
    assert.ok(errors.some((message) => reason.test(message)), `expected ${reason}, got ${JSON.stringify(errors)}`);
  });
}

const allowed: [file: string, code: string][] = [
  [
    "renderer/features/chat/components/Probe.tsx",
    [
      `import { useChatStore } from "../store.ts";`,
      `import { useModelsStore } from "../../../shared/models/store.ts";`,
      `import { Icon } from "../../../components/Icon.tsx";`,
      `import { api } from "../../../services/api.ts";`,
      `import type { EnclaveApi } from "../../../../native/contract/api.ts";`,
      `export type A = EnclaveApi;`,
      `void [useChatStore, useModelsStore, Icon, api];`,
    ].join("\n") + "\n",
  ],
  ["renderer/features/chat/Probe.test.tsx", `import { freshApi } from "../../testing/install.ts";\nvoid freshApi;\n`],
  ["renderer/app/Probe.tsx", `import { ChatView } from "../features/chat/ChatView.tsx";\nimport { toast } from "../shared/app-store.ts";\nvoid [ChatView, toast];\n`],
  ["renderer/shared/catalog/probe.ts", `import raw from "../../../resources/catalog.json";\nvoid raw;\n`],
  ["native/contract/wire/probe.ts", `import { isApiMethod } from "../names.ts";\nimport type { z } from "zod";\nimport type { ErrorCode } from "../errors.ts";\nexport type T = [z.ZodType, ErrorCode];\nvoid isApiMethod;\n`],
  ["native/contract/probe.ts", `import { z } from "zod";\nimport { ErrorCode } from "./errors.ts";\nvoid [z, ErrorCode];\n`],
  ["native/web/probe.ts", `import { parseCommandArgs } from "../host/args.ts";\nimport { UsageError } from "../host/exit-codes.ts";\nvoid [parseCommandArgs, UsageError];\n`],
  ["native/cli/probe.ts", `import { resolveDataDir } from "../host/data-dir.ts";\nvoid resolveDataDir;\n`],
  ["electron/main/probe.ts", `import { resolveDataDir } from "../../native/host/data-dir.ts";\nimport { app } from "electron";\nvoid [resolveDataDir, app];\n`],
  ["electron/preload/probe.ts", `import { contextBridge } from "electron";\nimport { API_METHOD_NAMES } from "../../native/contract/names.ts";\nimport { x } from "./x.ts";\nvoid [contextBridge, API_METHOD_NAMES, x];\n`],
];

for (const [file, code] of allowed) {
  test(`allowed: ${file} (${code.split("\n").length - 1} lines of imports inside its layer)`, async () => {
    assert.deepEqual(await layeringErrors(file, code), []);
  });
}
