// HTML: Readability picks the main content (no menus, footers, cookie banners); when it finds
// none, the whole body is used minus nav/header/footer/aside. Headings, paragraphs, list items,
// table rows and preformatted code become blocks.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { readTextFile } from "./decode.ts";
import { singlePage, squashSpaces } from "./page-builder.ts";
import type { BlockDraft, ConvertOptions, ConvertedDocument } from "./types.ts";

const MAX_HTML_CHARS = 64 * 1024 * 1024;
const MIN_ARTICLE_CHARS = 250;

export async function convertHtml(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const { text, truncated } = await readTextFile(path, { signal: options.signal, maxChars: MAX_HTML_CHARS });
  const warnings: string[] = truncated ? ["The page was too large; only its beginning was read."] : [];
  const { drafts, title } = htmlToDrafts(text, { readability: true });
  if (drafts.length === 0) warnings.push("No text found in this page.");
  return { format: "html", ...singlePage(drafts), ...(title ? { title } : {}), warnings };
}

/** Blocks from an HTML string; with `readability` only the main content is kept. */
export function htmlToDrafts(html: string, { readability }: { readability: boolean }): { drafts: BlockDraft[]; title?: string } {
  const { document } = parseHTML(html);
  const pageTitle = squashSpaces(document.querySelector("title")?.textContent ?? "") || undefined;
  if (readability) {
    try {
      // Readability mutates the document it is given: give it its own copy.
      const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
      // On a short page Readability falls back to its best guess, menus included: use it only when
      // it found a real article.
      if (article?.content && (article.length ?? 0) >= MIN_ARTICLE_CHARS) {
        const drafts = walk(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body);
        if (drafts.length) return { drafts, title: squashSpaces(article.title ?? "") || pageTitle };
      }
    } catch {
      // fall back to the body below
    }
  }
  const body = document.body ?? document.documentElement;
  for (const el of Array.from(body.querySelectorAll("nav, header, footer, aside, script, style, noscript, template, form")) as { remove(): void }[]) {
    el.remove();
  }
  return { drafts: walk(body), title: pageTitle };
}

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "HEAD"]);
const BLOCK = new Set([
  "P", "DIV", "SECTION", "ARTICLE", "MAIN", "BLOCKQUOTE", "UL", "OL", "LI", "TABLE", "THEAD", "TBODY", "TFOOT", "TR",
  "PRE", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "BR", "FIGURE", "FIGCAPTION", "DL", "DT", "DD", "ADDRESS", "DETAILS",
  "SUMMARY", "NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "BODY", "CENTER",
]);

interface ElementLike {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  childNodes: ArrayLike<ElementLike>;
  querySelectorAll?: (selector: string) => ArrayLike<ElementLike>;
}

function walk(root: unknown): BlockDraft[] {
  const out: BlockDraft[] = [];
  let inline = "";
  const flush = () => {
    const text = squashSpaces(inline);
    if (text) out.push({ kind: "paragraph", text });
    inline = "";
  };
  const visit = (node: ElementLike) => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node.tagName ?? "").toUpperCase();
    if (SKIP.has(tag)) return;
    if (!BLOCK.has(tag)) {
      for (const child of Array.from(node.childNodes)) visit(child);
      return;
    }
    flush();
    if (/^H[1-6]$/.test(tag)) {
      const text = squashSpaces(node.textContent ?? "");
      if (text) out.push({ kind: "heading", text, level: Number(tag[1]) });
    } else if (tag === "PRE") {
      const text = (node.textContent ?? "").replace(/^\n+|\s+$/g, "");
      if (text) out.push({ kind: "code", text });
    } else if (tag === "LI") {
      // The item's own text; nested lists become items of their own.
      let own = "";
      const nested: ElementLike[] = [];
      const gather = (n: ElementLike) => {
        const t = (n.tagName ?? "").toUpperCase();
        if (n.nodeType === 3) own += n.textContent ?? "";
        else if (t === "UL" || t === "OL") nested.push(n);
        else if (n.nodeType === 1 && !SKIP.has(t)) {
          if (BLOCK.has(t)) own += " ";
          for (const c of Array.from(n.childNodes)) gather(c);
        }
      };
      for (const c of Array.from(node.childNodes)) gather(c);
      const text = squashSpaces(own);
      if (text) out.push({ kind: "list-item", text });
      for (const n of nested) visit(n);
    } else if (tag === "TABLE") {
      out.push(...tableRows(node));
    } else {
      for (const child of Array.from(node.childNodes)) visit(child);
    }
    flush();
  };
  visit(root as ElementLike);
  flush();
  return out;
}

function tableRows(table: ElementLike): BlockDraft[] {
  const rows = Array.from(table.querySelectorAll?.("tr") ?? []);
  const cellsOf = (row: ElementLike) =>
    Array.from(row.childNodes)
      .filter((c) => c.nodeType === 1 && /^T[HD]$/i.test(c.tagName ?? ""))
      .map((c) => ({ header: /^TH$/i.test(c.tagName ?? ""), text: squashSpaces(c.textContent ?? "") }));
  let header: string[] | null = null;
  const out: BlockDraft[] = [];
  for (const row of rows) {
    const cells = cellsOf(row);
    if (cells.length === 0) continue;
    if (!header && cells.every((c) => c.header)) {
      header = cells.map((c) => c.text);
      continue;
    }
    const text = cells
      .map((c, i) => (header?.[i] && c.text ? `${header[i]}: ${c.text}` : c.text))
      .filter(Boolean)
      .join("; ");
    if (text) out.push({ kind: "table-row", text });
  }
  if (out.length === 0 && header) out.push({ kind: "table-row", text: header.join("; ") });
  return out;
}
