/**
 * Control characters are stripped at the edge from every text input: query strings (in the
 * server entry, before Astro sees the request) and form bodies (readForm, readFormBody).
 * PostgreSQL cannot store NUL, and nobody means to type the others; tab, line feed and carriage
 * return stay (multi-line text). Domain schemas clean further (src/lib/registration.normalize.ts).
 */

// C0 controls except tab, LF and CR; DEL; C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

// The same characters percent-encoded (C1 as UTF-8: %C2%80-%C2%9F); Node refuses them raw.
const ENCODED_CONTROL = /%(?:0[0-8bcef]|1[0-9a-f]|7f|c2%[89][0-9a-f])/i;

/**
 * The request target with control characters removed from its query string, or null when it
 * has none (most requests: the URL is then left exactly as it came).
 */
export function cleanRequestTarget(target: string | undefined): string | null {
  if (!target) return null;
  const q = target.indexOf('?');
  if (q < 0 || !ENCODED_CONTROL.test(target.slice(q))) return null;
  const params = new URLSearchParams(target.slice(q + 1));
  const cleaned = new URLSearchParams();
  for (const [name, value] of params) cleaned.append(stripControlCharacters(name), stripControlCharacters(value));
  const query = cleaned.toString();
  return target.slice(0, q) + (query ? `?${query}` : '');
}
