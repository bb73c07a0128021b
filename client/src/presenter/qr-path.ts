// A QR code as one SVG path, one square per dark module (runs in a row merged), so React draws it as an element
// like any other: no markup string injected into the page.

import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The dark modules, in module units (viewBox 0 0 size size). */
  d: string;
}

/** `text` encoded at error correction M (a projector's glare and a phone at a distance), version chosen to fit. */
export function qrPath(text: string): QrPath {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size;) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let run = 1;
      while (col + run < size && qr.isDark(row, col + run)) run++;
      d += `M${col} ${row}h${run}v1h${-run}z`;
      col += run;
    }
  }
  return { size, d };
}
