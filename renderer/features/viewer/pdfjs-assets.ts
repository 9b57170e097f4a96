// Where pdf.js's data files live beside the renderer bundle: its wasm decoders (JPX, JBIG2, ICC
// colour), the 14 standard fonts a PDF may name without embedding, the Adobe CMaps CJK text needs and
// the CMYK profile. The build plugin writes them here and the viewer points pdf.js at them, so both
// read this one list.
export const PDFJS_ASSET_ROOT = "pdfjs";

/** Folder under the pdfjs-dist package → pdf.js option that must point at its served copy. */
export const PDFJS_ASSET_DIRS = {
  wasm: "wasmUrl",
  standard_fonts: "standardFontDataUrl",
  cmaps: "cMapUrl",
  iccs: "iccUrl",
} as const;

export type PdfjsAssetOption = (typeof PDFJS_ASSET_DIRS)[keyof typeof PDFJS_ASSET_DIRS];

/** The pdf.js options naming each folder, absolute against `base` (the page's URL): the pdf.js worker
 *  resolves them itself, where a relative URL would mean nothing. Each ends in "/" as pdf.js requires. */
export function pdfjsAssetUrls(base: string): Record<PdfjsAssetOption, string> {
  const entries = Object.entries(PDFJS_ASSET_DIRS).map(([dir, option]) => [option, new URL(`${PDFJS_ASSET_ROOT}/${dir}/`, base).href]);
  return Object.fromEntries(entries) as Record<PdfjsAssetOption, string>;
}
