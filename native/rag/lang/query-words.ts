// Words a question is made of that say nothing about its subject — "what", "comment", "welche",
// articles, auxiliaries — in the languages Enclave detects (English, French, German). The full-text
// index drops English stop words from documents and queries alike; these go from the query before
// it is sent, so that in any of the three languages the question's content words decide the rank
// rather than "how", "quelle" or "wie", which occur on every page of a manual in that language.
const EN = "a an and are as at be been being by can could did do does doing for from had has have how i if in into is it its me my of on or our should so than that the their them then there these they this those to was we were what when where which while who whom whose why will with would you your about also any both each more most other some such only own same too very just now".split(" ");
const FR = "a à au aux avec ce ces cet cette comment dans de des du elle elles en est et être faut il ils je la le les leur leurs lorsque mais me même mes moi mon ne nous on ou où par pas pour qu que quel quelle quelles quels qui quoi sa se selon ses si son sont sur ta te tes toi ton tu un une vos votre vous y d l c s n j qu' peut-on doit-on existe-t-il faut-il sert".split(" ");
const DE = "aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den der des die dies diese diesem diesen dieser dieses doch du durch ein eine einem einen einer eines er es für gibt hat hatte ich ihr im in ist ja kann man mit muss nach nicht noch nur ob oder sein sich sie sind so über um und uns von vor was welche welchem welchen welcher welches wenn werden wie wieso wird wir wo woher wohin zu zum zur".split(" ");

export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([...EN, ...FR, ...DE]);

/**
 * The content words of a question, in their original spelling and order, joined by spaces; the
 * question itself when every word is a stop word (better a weak query than none).
 */
export function contentQuery(question: string): string {
  const words = question.split(/[^\p{L}\p{N}_\\]+/u).filter((w) => w.length > 0);
  const kept = words.filter((w) => !QUERY_STOP_WORDS.has(w.toLowerCase()));
  return (kept.length > 0 ? kept : words).join(" ");
}
