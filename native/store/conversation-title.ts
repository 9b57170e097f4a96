// Conversation titles: "New chat" until the first question names it with its first words.
export const DEFAULT_TITLE = "New chat";
const TITLE_LENGTH = 60;

/** A title from the first words of a message: whitespace folded, cut at a word near 60 characters. */
export function titleFromText(text: string): string | null {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return null;
  if (flat.length <= TITLE_LENGTH) return flat;
  const cut = flat.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return (space >= TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
}
