// Module hook for tests of the main process under plain Node: `import … from "electron"` loads the
// fake below instead of the electron package (which, without its binary, would try a download).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "electron") return { url: new URL("./module.mjs", import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
