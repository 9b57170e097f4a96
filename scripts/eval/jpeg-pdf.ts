// Wraps JPEGs in a PDF with no text layer, one page each: what a scanner produces. Each page is
// sized to its image at `dpi`; the JPEG goes in unchanged (DCTDecode). Used to make the evaluation
// corpus's scanned page, and the ingest bench's scanned pages, from rendered pages of real documents.
export function jpegToPdf(jpeg: Buffer, dpi: number): Buffer {
  return jpegsToPdf([jpeg], dpi);
}

export function jpegsToPdf(jpegs: Buffer[], dpi: number): Buffer {
  // Objects: 1 catalog, 2 pages, then per page: page, image, content.
  const pageObject = (i: number) => 3 + i * 3;
  const objects: (string | Buffer)[][] = [
    ["<< /Type /Catalog /Pages 2 0 R >>"],
    [`<< /Type /Pages /Kids [${jpegs.map((_, i) => `${pageObject(i)} 0 R`).join(" ")}] /Count ${jpegs.length} >>`],
  ];
  for (const [i, jpeg] of jpegs.entries()) {
    const { width, height, components } = jpegSize(jpeg);
    const w = (width * 72) / dpi;
    const h = (height * 72) / dpi;
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    const colorSpace = components === 1 ? "/DeviceGray" : components === 4 ? "/DeviceCMYK" : "/DeviceRGB";
    const n = pageObject(i);
    objects.push(
      [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${n + 1} 0 R >> >> /Contents ${n + 2} 0 R >>`],
      [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, "\nendstream"],
      [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
    );
  }
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", "latin1")];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  for (const [i, pieces] of objects.entries()) {
    offsets.push(at);
    const buf = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), ...pieces.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)), Buffer.from("\nendobj\n")]);
    parts.push(buf);
    at += buf.length;
  }
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** Width, height and colour components from the JPEG's start-of-frame marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number; components: number } {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error("not a JPEG");
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error(`bad JPEG marker at ${i}`);
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7), components: jpeg[i + 9]! };
    }
    i += 2 + length;
  }
  throw new Error("no JPEG frame header");
}
