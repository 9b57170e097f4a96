// The page a passage is cited at. Chunks cut with CHUNKER_VERSION 2 lie on one page, so that page
// holds every match and the citation is exact. Chunks from older indexes may span pages and carry
// no record of where the page breaks fall in their text: they are cited by their first page until
// the next ingest of their collection re-cuts them.
export function citedPage(hit: { pageStart: number; page?: number | undefined }): number {
  return hit.page ?? hit.pageStart;
}
