// One passage, one result. Two chunks with the same text (the same file indexed twice before
// documents were identified by content, or a passage repeated verbatim in two files) would
// otherwise fill two of the k places and be cited as [1] and [2]. The best-scored one stays.

/** Text compared for sameness: case and runs of whitespace do not make a passage different. */
export function passageKey(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** `results` (best first) without later ones whose text is a passage already kept. */
export function distinctPassages<T extends { text: string }>(results: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of results) {
    const key = passageKey(r.text);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
