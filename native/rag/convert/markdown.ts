// Markdown, hand-parsed: ATX and setext headings, list items, fenced code, tables (one block per
// body row, "header: value; …"), block quotes and paragraphs. Inline markup is kept as written.
import { readTextFile } from "./decode.ts";
import { singlePage } from "./page-builder.ts";
import { MAX_TEXT_CHARS } from "./text.ts";
import type { BlockDraft, ConvertOptions, ConvertedDocument } from "./types.ts";

export async function convertMarkdown(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const { text, truncated } = await readTextFile(path, { signal: options.signal, maxChars: MAX_TEXT_CHARS });
  const drafts = parseMarkdown(text);
  const warnings = truncated ? [`Only the first ${MAX_TEXT_CHARS / (1024 * 1024)} M characters were read.`] : [];
  const title = drafts.find((d) => d.kind === "heading" && d.level === 1)?.text;
  return { format: "markdown", ...singlePage(drafts), ...(title ? { title } : {}), warnings };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_DIVIDER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;

export function parseMarkdown(text: string): BlockDraft[] {
  const lines = text.split("\n");
  const out: BlockDraft[] = [];
  let paragraph: string[] = [];
  let listItem: string[] | null = null;

  const flush = () => {
    if (paragraph.length) out.push({ kind: "paragraph", text: paragraph.join("\n") });
    if (listItem) out.push({ kind: "list-item", text: listItem.join("\n") });
    paragraph = [];
    listItem = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!);
      out.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      out.push({ kind: "heading", text: (atx[2] ?? "").trim(), level: atx[1]!.length });
      continue;
    }
    // Setext: a paragraph line underlined with === or ---.
    if (paragraph.length === 1 && !listItem && /^ {0,3}(=+|-+)[ \t]*$/.test(line)) {
      out.push({ kind: "heading", text: paragraph[0]!.trim(), level: line.trim().startsWith("=") ? 1 : 2 });
      paragraph = [];
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_DIVIDER.test(lines[i + 1]!)) {
      flush();
      const header = tableCells(line);
      i += 2;
      while (i < lines.length && lines[i]!.includes("|") && lines[i]!.trim()) {
        const cells = tableCells(lines[i]!);
        out.push({ kind: "table-row", text: cells.map((c, k) => (header[k] ? `${header[k]}: ${c}` : c)).join("; ") });
        i++;
      }
      i--;
      continue;
    }
    const item = LIST.exec(line);
    if (item) {
      flush();
      listItem = [item[1]!];
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (listItem && /^[ \t]+\S/.test(line)) listItem.push(line.trim());
    else {
      if (listItem) flush();
      if (/^ {4}|^\t/.test(line) && paragraph.length === 0) {
        // Indented code block.
        const body = [line.replace(/^ {4}|^\t/, "")];
        while (i + 1 < lines.length && (/^ {4}|^\t/.test(lines[i + 1]!) || !lines[i + 1]!.trim())) {
          body.push(lines[++i]!.replace(/^ {4}|^\t/, ""));
        }
        out.push({ kind: "code", text: body.join("\n").trimEnd() });
        continue;
      }
      paragraph.push(line.replace(/^ {0,3}> ?/, ""));
    }
  }
  flush();
  return out;
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}
