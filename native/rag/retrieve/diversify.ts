// Bounded diversity for a ranked list of passages, within the first `window` results only: there, a
// page already cited is not cited again (a second passage of it would push another page out), and one
// document gives at most `perDocument` passages, so that one long manual that mentions everything
// cannot fill them. Passages held back are not dropped: they keep their order and follow the window
// (a Markdown or text file is one "page", and a grounded answer still needs its other passages).
// Measured with scripts/probe-fts.ts on test/eval/: one-per-page plus ≤ 3 per document left hit@5
// unchanged (0.820) while ≤ 2 per document cost 0.045.
export interface Diversifiable {
  documentId: string;
  page: number;
}

export function diversify<T extends Diversifiable>(ranked: readonly T[], options: { perDocument?: number; window?: number } = {}): T[] {
  const perDocument = options.perDocument ?? 3;
  const window = options.window ?? 5;
  const pages = new Set<string>();
  const perDoc = new Map<string, number>();
  const head: T[] = [];
  const held: T[] = [];
  for (const r of ranked) {
    if (head.length >= window) {
      held.push(r);
      continue;
    }
    const page = `${r.documentId}\u0000${r.page}`;
    const n = perDoc.get(r.documentId) ?? 0;
    if (pages.has(page) || n >= perDocument) {
      held.push(r);
      continue;
    }
    pages.add(page);
    perDoc.set(r.documentId, n + 1);
    head.push(r);
  }
  return [...head, ...held];
}
