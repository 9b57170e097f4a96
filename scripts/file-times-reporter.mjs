// A second test reporter for scripts/run-tests.mjs: at the end, the test files that took longest,
// as the wall time from the first event a file's process reports to its last. A file reports
// nothing while its before() hook starts engines and browsers, so that time is not in its span. `npm test` has a 15-minute budget on the CI machine; this shows where it
// goes without a second run.
export default async function* fileTimes(source) {
  const spans = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    // Every file is enqueued at the start: only what its own process reports marks its span.
    if (!file || event.type === "test:enqueue" || event.type === "test:dequeue") continue;
    const now = Date.now();
    const span = spans.get(file) ?? { first: now, last: now };
    span.last = now;
    spans.set(file, span);
  }
  const rows = [...spans].map(([file, { first, last }]) => [file.replace(`${process.cwd()}/`, ""), last - first]);
  const slowest = rows.sort((a, b) => b[1] - a[1]).slice(0, 20);
  yield `\nslowest test files (seconds from a file's first event to its last; two files run at a time):\n`;
  for (const [file, ms] of slowest) yield `  ${(ms / 1000).toFixed(1).padStart(6)}  ${file}\n`;
}
