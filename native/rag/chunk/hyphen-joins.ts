// A compound the page writes with a hyphen ("Binomial-Koeffizienten", "E-Mail", "pre-processing")
// is asked for as one word ("Binomialkoeffizienten", "Email", "preprocessing"). The analysers split
// at the hyphen, so the question's one word met neither half. The joined form is added to the
// passage's search text (not to the shown text), where each language's stemmer then reads it as
// it reads the question's word. Line-end hyphens are already mended by the PDF converter.

/** Each distinct hyphenated word of letters in `text`, its hyphens removed. */
export function hyphenJoins(text: string): string[] {
  const joins = new Set<string>();
  for (const m of text.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) joins.add(m[0].replace(/-/g, ""));
  return [...joins];
}
