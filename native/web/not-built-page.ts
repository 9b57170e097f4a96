// What the browser shows when the renderer has not been built yet: the command that fixes it, not a
// bare 404. The page is static HTML with no script, so the strict CSP applies to it unchanged.
export function notBuiltPage(rendererDir: string): string {
  const dir = escapeHtml(rendererDir);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Enclave: interface not built</title></head>
<body>
<main>
<h1>The Enclave interface has not been built</h1>
<p>The web host is running, but <code>${dir}</code> holds no <code>index.html</code>.</p>
<p>Build it with <code>npx vite build</code> in the repository, then reload this page,
or start the host with <code>npm run start:web</code>, which builds it first.</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
