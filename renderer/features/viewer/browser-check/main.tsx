// The page check.ts drives: the real SourceViewer (pdf.js from the bundle) over a fake API that
// serves the PDF placed beside this page (`?file=`, source.pdf by default), opened at the passage the
// URL names.
import { createRoot } from "react-dom/client";
import { installApi } from "../../../services/api.ts";
import { FakeApi } from "../../../testing/fake-api.ts";
import { SourceViewer, openSource } from "../index.ts";

const params = new URLSearchParams(location.search);
const file = params.get("file") ?? "source.pdf";
const bytes = new Uint8Array(await (await fetch(`./${file}`)).arrayBuffer());
let binary = "";
for (const b of bytes) binary += String.fromCharCode(b);
installApi(new FakeApi().handle("rag.sourceFile", () => ({ documentId: "d", name: file, mime: "application/pdf", sizeBytes: bytes.length, dataBase64: btoa(binary) })));
createRoot(document.getElementById("root")!).render(<SourceViewer />);
const page = Number(params.get("page") ?? 1);
void openSource({ documentId: "d", file: `/docs/${file}`, page, pageEnd: page, passage: params.get("passage") ?? "", n: 1, verified: true });
