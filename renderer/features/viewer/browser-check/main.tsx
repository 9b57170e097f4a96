// The page check.ts drives: the real SourceViewer (pdf.js from the bundle) over a fake API that
// serves the PDF placed beside this page, opened at the passage the URL names.
import { createRoot } from "react-dom/client";
import { installApi } from "../../../services/api.ts";
import { FakeApi } from "../../../app/testing/fake-api.ts";
import { SourceViewer, openSource } from "../index.ts";

const params = new URLSearchParams(location.search);
const bytes = new Uint8Array(await (await fetch("./source.pdf")).arrayBuffer());
let binary = "";
for (const b of bytes) binary += String.fromCharCode(b);
installApi(new FakeApi().handle("rag.sourceFile", () => ({ documentId: "d", name: "source.pdf", mime: "application/pdf", sizeBytes: bytes.length, dataBase64: btoa(binary) })));
createRoot(document.getElementById("root")!).render(<SourceViewer />);
const page = Number(params.get("page") ?? 1);
void openSource({ documentId: "d", file: "/docs/source.pdf", page, pageEnd: page, passage: params.get("passage") ?? "", n: 1, verified: true });
