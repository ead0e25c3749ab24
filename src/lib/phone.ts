/**
 * Phone numbers as Dutch people write them: the one formatter for every page and mail where staff
 * (or anyone) read a number. Numbers are stored normalised (+31612345678, see normalizePhone);
 * people read 06-12345678, 043-1234567 or 0513-123456, with the dash after the netnummer.
 * Isomorphic: pages, components and islands may use it.
 */
import { normalizePhone } from './registration.normalize';

/**
 * Netnummers (without the 0) that have two digits; every other Dutch landline has three. Source:
 * the Dutch numbering plan (ACM, "Nummerplan telefoon- en ISDN-diensten"), geographic area codes.
 */
const TWO_DIGIT_AREA_CODES = new Set([
  '10',
  '13',
  '15',
  '20',
  '23',
  '24',
  '26',
  '30',
  '33',
  '35',
  '36',
  '38',
  '40',
  '43',
  '45',
  '46',
  '50',
  '53',
  '55',
  '58',
  '70',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '77',
  '78',
  '79',
  // Numbers for the whole country that are written like a short area code: 085-1234567, 088-…
  '84',
  '85',
  '87',
  '88',
  '91',
]);
/** Information and free numbers: 0800-123456, 0900-123456. */
const SERVICE_PREFIXES = ['800', '900', '906', '909'];

/** "+31687654321" -> "06-87654321", "+31431234567" -> "043-1234567"; foreign numbers as "+32 470123456". */
export function formatPhoneNumber(value: string): string {
  const normalized = normalizePhone(value);
  if (!normalized) return value;
  if (!normalized.startsWith('+31')) {
    // Country codes have one to three digits; without a table of them, split where the common ones end.
    const match = /^\+(1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})(\d+)$/.exec(normalized);
    return match ? `+${match[1]} ${match[2]}` : normalized;
  }
  const national = normalized.slice(3); // nine digits, never starting with 0
  if (national.startsWith('6')) return `06-${national.slice(1)}`;
  const service = SERVICE_PREFIXES.find((prefix) => national.startsWith(prefix));
  if (service) return `0${service}-${national.slice(service.length)}`;
  const areaLength = TWO_DIGIT_AREA_CODES.has(national.slice(0, 2)) ? 2 : 3;
  return `0${national.slice(0, areaLength)}-${national.slice(areaLength)}`;
}
