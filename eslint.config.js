// Lint: the recommended TypeScript rules, the few that catch real bugs in async engine code, and the
// layering (who may import whom), which test/lint-layering.test.ts proves bites.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// Layering: who may import whom (issue 8). Our imports are relative, and a relative specifier names
// its target only together with the importing file's folder, so every rule below is written out once
// per folder depth: `up(n)` matches a specifier that climbs exactly n folders, and `(?!…)` after it
// says where it may land. A file gets the rules of its own layer and of every layer it sits in
// (a file in native/web obeys native's rule and the hosts' rule).
const up = (n) => `^(?:\\.\\./){${n}}`;
const MAX_DEPTH = 8;
const HOSTS_NOT_CLI = "A host (the web host, the desktop app) does not import the CLI: what hosts share lives in native/host.";
const FEATURES_APART =
  "A renderer feature imports neither another feature nor the app shell: what several features use lives in renderer/shared, and the shell (renderer/app) passes in another feature's panel or action.";
const layers = [
  {
    base: "native",
    rules: ({ root }) => [
      { regex: `${up(root)}(?:electron|renderer)/`, message: "native/ runs under plain Node and serves every front-end: it never imports electron/ or renderer/." },
    ],
    paths: [{ name: "electron", message: "native/ runs under plain Node, not Electron; the desktop host (electron/main) passes in what it needs." }],
  },
  {
    base: "native/contract",
    rules: ({ depth }) => [
      { regex: up(depth + 1), message: "The contract imports nothing of ours outside native/contract: every front-end and host loads it." },
    ],
  },
  {
    base: "native/web",
    rules: ({ depth }) => [{ regex: `${up(depth + 1)}cli/`, message: HOSTS_NOT_CLI }],
  },
  {
    base: "electron/main",
    rules: ({ root }) => [{ regex: `${up(root)}native/cli/`, message: HOSTS_NOT_CLI }],
  },
  {
    base: "electron/preload",
    rules: ({ depth }) => [
      { regex: `${up(depth + 1)}(?!\\.\\./native/contract/)`, message: "The preload imports only the contract and its own folder: it is bundled into a sandbox that has no Node modules." },
    ],
  },
  {
    base: "renderer",
    rules: ({ root }) => [
      {
        // resources/*.json is data the renderer bundles (the model catalog), not code.
        regex: `${up(root)}(?!native/contract/|resources/[^/]+\\.json$)`,
        message: "The renderer imports only the contract (native/contract) and renderer/ code: it must run in a browser against any host.",
      },
    ],
  },
  {
    base: "renderer/shared",
    rules: ({ depth }) => [
      { regex: `${up(depth + 1)}(?:features|app)/`, message: "renderer/shared is what several features use: it imports no feature and not the app shell." },
    ],
  },
  {
    base: "renderer/features/*",
    rules: ({ depth }) => [
      { regex: `${up(depth + 1)}(?!\\.\\./)`, message: FEATURES_APART },
      { regex: `${up(depth + 2)}app/`, message: FEATURES_APART },
    ],
  },
];

const PRELOAD_PLAIN =
  "Bundled into the preload: import only types from zod and the schema modules, values from api.ts, names.ts and the wire client.";

/** Value imports limited to zod-free files: relative ones must name api.ts, names.ts or client.ts
 *  (or, for the preload, a file in its own folder). */
function plainImports(files, { ownFolder }) {
  const relative = `^${ownFolder ? "(?!\\./[^/]+$)" : ""}\\.[^"]*/(?!(?:api|names|client)\\.ts$)[^/]+$`;
  const patterns = [
    { regex: "^zod$", allowTypeImports: true, message: PRELOAD_PLAIN },
    { regex: relative, allowTypeImports: true, message: PRELOAD_PLAIN },
  ];
  return { files, ignores: ["**/*.test.ts"], rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] } };
}

function layeringConfigs() {
  const segments = (base) => base.split("/");
  const within = (outer, inner) => segments(outer).every((part, i) => segments(inner)[i] === part);
  const configs = [];
  // Outer layers first: a later config's options replace an earlier one's for the same file.
  for (const layer of [...layers].sort((a, b) => segments(a.base).length - segments(b.base).length)) {
    const enclosing = layers.filter((outer) => within(outer.base, layer.base));
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const patterns = [];
      const paths = [];
      for (const outer of enclosing) {
        const outerDepth = depth + segments(layer.base).length - segments(outer.base).length;
        patterns.push(...outer.rules({ depth: outerDepth, root: outerDepth + segments(outer.base).length }));
        paths.push(...(outer.paths ?? []));
      }
      configs.push({
        files: [`${layer.base}/${"*/".repeat(depth)}*.{ts,tsx}`],
        rules: { "no-restricted-imports": ["error", { paths, patterns }] },
      });
    }
  }
  return configs;
}

export default tseslint.config(
  // test/eval/.corpus: the evaluation documents bench:eval unpacks from Debian packages (their own JS included).
  { ignores: ["dist/**", "node_modules/**", "renderer/dist/**", ".cache/**", "test/eval/.corpus/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner awaits itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: globals.node } },
  ...layeringConfigs(),
  // What the sandboxed preload bundles: its own files and the contract's plain parts (the wire client,
  // the name lists, api.ts). A value from zod or a schema module would drag the method table into the
  // bundle (788 KB before; test/electron/preload-bundle.test.ts holds it under 50 KB); types are free.
  plainImports(["electron/preload/*.ts"], { ownFolder: true }),
  plainImports(["native/contract/api.ts", "native/contract/names.ts", "native/contract/wire/*.ts"], { ownFolder: false }),
  {
    // renderer/testing (the fake API, fixtures, store resets) is for tests and check pages: it resets
    // every store, so the app importing it would reach every feature.
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "renderer/test-setup.ts", "renderer/testing/**", "renderer/**/browser-check/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex: "^\\.[^\"]*/testing/", message: "Only tests and browser-check pages import renderer/testing." }] }],
    },
  },
  {
    // The one exception: these run under Node, not in the renderer. They build a renderer page and
    // serve it to Chromium with the web host's real upload handler, CSP and MIME types, and feed it
    // the test fixtures; the page they serve obeys the renderer's rule.
    files: ["renderer/**/browser-check/check.ts", "renderer/testing/browser-page.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
