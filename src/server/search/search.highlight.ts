/**
 * Marks the parts of a field that match the query, as plain text parts (`{ text, mark }`):
 * the UI escapes them and wraps marked parts in <mark>, so no HTML ever comes from here.
 * Used by the PostgreSQL adapter; the Meilisearch adapter converts its own highlights to the
 * same shape (search.meilisearch.ts).
 */
import { formatPhoneNumber } from '~/lib/phone';
import type { HighlightPart, SnippetField } from './search.port';
import { foldText, nationalPhone, type ParsedSearchText } from './search.query';

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Does a folded word of the document match a query word: as a prefix, or with a small typo. */
export function wordMatches(documentWord: string, queryWord: string): boolean {
  if (documentWord.startsWith(queryWord)) return true;
  if (queryWord.length < 4) return false;
  const allowed = queryWord.length >= 8 ? 2 : 1;
  for (const length of [queryWord.length - 1, queryWord.length, queryWord.length + 1]) {
    if (length > documentWord.length) continue;
    if (levenshtein(documentWord.slice(0, length), queryWord, allowed) <= allowed && length >= documentWord.length - 2)
      return true;
  }
  return false;
}

function push(parts: HighlightPart[], text: string, mark: boolean) {
  if (!text) return;
  const last = parts.at(-1);
  if (last && last.mark === mark) last.text += text;
  else parts.push({ text, mark });
}

/** Word-level marks for names, places, organisations and notes. */
export function highlightWords(text: string, parsed: ParsedSearchText): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const queryWords = [...parsed.words, ...parsed.postcodes.map((p) => p.slice(0, 4))];
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const folded = foldText(word);
    const marked = queryWords.some((q) => wordMatches(folded, q));
    push(parts, text.slice(at, match.index), false);
    push(parts, word, marked);
    at = match.index + word.length;
  }
  push(parts, text.slice(at), false);
  return parts;
}

export function hasMark(parts: HighlightPart[]): boolean {
  return parts.some((p) => p.mark);
}

/** Highlight one field the way its kind of value is matched. */
export function highlightField(field: SnippetField | 'name', value: string, parsed: ParsedSearchText): HighlightPart[] {
  if (field === 'phone') {
    const national = nationalPhone(value);
    const matched =
      national !== null &&
      (parsed.phones.some((p) => national.startsWith(p)) ||
        parsed.words.some((w) => w.length >= 6 && national.startsWith(w)));
    return [{ text: formatPhoneNumber(value), mark: matched }];
  }
  if (field === 'email' && parsed.emails.includes(value.toLowerCase())) return [{ text: value, mark: true }];
  if (field === 'postcode') {
    const key = value.replace(/\s/g, '').toLowerCase();
    if (parsed.postcodes.includes(key)) return [{ text: value, mark: true }];
  }
  return highlightWords(value, parsed);
}

/** A short window of a long text (notes) around the first marked word, with ellipses. */
export function cropAroundMark(parts: HighlightPart[], before = 60, length = 180): HighlightPart[] {
  const full = parts.map((p) => p.text).join('');
  let position = 0;
  for (const part of parts) {
    if (part.mark) break;
    position += part.text.length;
  }
  if (full.length <= length) return parts;
  let start = Math.max(0, position - before);
  if (start > 0) {
    const space = full.indexOf(' ', start);
    if (space !== -1 && space < position) start = space + 1;
  }
  let end = Math.min(full.length, start + length);
  if (end < full.length) {
    const space = full.lastIndexOf(' ', end);
    if (space > position) end = space;
  }
  const out: HighlightPart[] = [];
  if (start > 0) push(out, '… ', false);
  let offset = 0;
  for (const part of parts) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + part.text.length);
    if (from < to) push(out, part.text.slice(from - offset, to - offset), part.mark);
    offset += part.text.length;
  }
  if (end < full.length) push(out, ' …', false);
  return out;
}
