/**
 * Reads an HTML form body defensively: only the two form content types, a hard size limit
 * (checked on Content-Length and while streaming), a limit on the number of fields, and any
 * parse failure (malformed multipart, broken encoding) becomes a 4xx AppError, never a 500.
 * Control characters are stripped from every name and value (control-characters.ts).
 */
import { stripControlCharacters } from './control-characters';
import { httpError } from './http.errors';

export type FormBodyLimits = { maxBytes: number; maxFields: number };
const DEFAULT_FORM_LIMITS: FormBodyLimits = { maxBytes: 64 * 1024, maxFields: 100 };

/** Field name -> value(s). Files become `{ file: true }` so validation can say it cannot read them. */
export type FormFields = Record<string, unknown>;

export async function readFormBody(
  request: Request,
  limits: FormBodyLimits = DEFAULT_FORM_LIMITS,
): Promise<FormFields> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  // A refused body is not read: Node's HTTP server drains what is left after our answer, while
  // reading it through the adapter's own size limit would reset the connection instead.
  if (mediaType !== 'application/x-www-form-urlencoded' && mediaType !== 'multipart/form-data') {
    throw httpError('http.unsupported_media_type', { contentType: contentType.slice(0, 100) });
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw httpError('http.payload_too_large', { declared });
  }
  const bytes = await readLimited(request, limits.maxBytes);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw httpError('http.malformed_body');
  }
  const fields: FormFields = Object.create(null);
  let count = 0;
  for (const [rawName, value] of form.entries()) {
    if (++count > limits.maxFields) throw httpError('http.malformed_body', { reason: 'too many fields' });
    const name = stripControlCharacters(rawName);
    const item: unknown = typeof value === 'string' ? stripControlCharacters(value) : { file: true };
    const existing = fields[name];
    if (existing === undefined) fields[name] = item;
    else if (Array.isArray(existing)) existing.push(item);
    else fields[name] = [existing, item];
  }
  return fields;
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw httpError('http.payload_too_large', { received: total });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    // The server's own body limit or a broken connection.
    if (error instanceof Error && /size limit/i.test(error.message)) throw httpError('http.payload_too_large');
    throw httpError('http.malformed_body');
  }
  const out = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Only the string values, for re-rendering a form with what was typed. */
export function formValuesForDisplay(fields: FormFields): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') out[name] = value.slice(0, 5000);
    else if (Array.isArray(value))
      out[name] = value
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.slice(0, 5000))
        .slice(0, 20);
  }
  return out;
}
