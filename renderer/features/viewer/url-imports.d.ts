// Vite's `?url` imports (the pdf.js worker file): the renderer tsconfig does not load vite/client.
declare module "*?url" {
  const url: string;
  export default url;
}
