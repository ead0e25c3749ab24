/**
 * A QR code for the otpauth link, as one SVG path (rendered by Astro as attributes, so no HTML
 * string is injected). Module placement from qrcode-generator; error correction M.
 */
import qrcode from 'qrcode-generator';

export function qrCodePath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const margin = 4; // the quiet zone scanners need
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) d += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  return { size: count + 2 * margin, d };
}
