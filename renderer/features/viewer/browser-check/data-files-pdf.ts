// A one-page PDF that needs pdf.js's data files: a Japanese line in an unembedded CID font with a
// predefined Adobe CMap (UniJIS-UCS2-H), which pdf.js can neither draw nor extract unless it fetches
// that CMap from `cMapUrl`; and a DeviceCMYK fill, which pdf.js converts through the ICC profile
// (`iccUrl`) with its qcms wasm module (`wasmUrl`). The shared fixture writer only knows Helvetica.

export const CJK_TEXT = "日本語の文書";

export function dataFilesPdf(): Buffer {
  // UCS-2 big-endian, as the UniJIS-UCS2-H CMap reads the string.
  const hex = [...CJK_TEXT].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
  const content = `BT /F1 24 Tf 72 700 Td <${hex}> Tj ET 0.2 0.6 0 0 k 72 600 200 50 re f`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R >>",
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 740 /StemV 80 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
