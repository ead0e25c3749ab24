/**
 * A zip bomb check for XLSX uploads (decision 033): an XLSX is a zip archive, and exceljs unpacks
 * it without a limit. Before it does, the central directory's declared sizes are added up, and
 * every part is then unpacked once as a stream that only counts bytes (nothing is kept), so an
 * archive that lies about its sizes is caught too. Both stop at IMPORT_LIMITS.maxUnzippedBytes.
 */
import { createInflateRaw } from 'node:zlib';
import { importError } from './import.errors';
import { IMPORT_LIMITS } from './import.schemas';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

type Entry = { method: number; compressedSize: number; declaredSize: number; localOffset: number };

/** Throws a 4xx when the archive would unpack to more than the limit, or is not a zip archive we can read. */
export async function checkUnzippedSize(bytes: Uint8Array, limit: number = IMPORT_LIMITS.maxUnzippedBytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(view);
  const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0);
  if (declared > limit) throw importError('import.unzipped_too_large');
  let unpacked = 0;
  for (const entry of entries) {
    const offset = entry.localOffset;
    if (offset + 30 > view.byteLength || view.getUint32(offset, true) !== LOCAL_HEADER)
      throw importError('import.unreadable');
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) unpacked += data.byteLength;
    else if (entry.method === 8) unpacked += await inflatedSize(data, limit - unpacked);
    else throw importError('import.unreadable');
    if (unpacked > limit) throw importError('import.unzipped_too_large');
  }
}

function centralDirectory(view: DataView): Entry[] {
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65_535); at--)
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) throw importError('import.unreadable');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL_ENTRY) throw importError('import.unreadable');
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    // 0xFFFFFFFF means "see the zip64 field": 4 GB or more, never a coordinator's list.
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff) throw importError('import.unzipped_too_large');
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize,
      declaredSize,
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** How many bytes a deflated part unpacks to, counted as it streams; stops just past `budget`. */
function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let total = 0;
    let done = false;
    const finish = (size: number) => {
      if (done) return;
      done = true;
      resolve(size);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > budget) {
        inflate.destroy();
        finish(total);
      }
    });
    inflate.on('end', () => finish(total));
    // A damaged part: exceljs will say so (import.unreadable); its size so far counts.
    inflate.on('error', () => finish(total));
    inflate.end(data);
  });
}
