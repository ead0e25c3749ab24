/**
 * The preview of an import, row by row: what will happen (create, update, nothing, skipped)
 * and every problem in plain Dutch. Pure: the use case gives it what the portal already holds.
 */
import { createHash } from 'node:crypto';
import { normalizePhone, normalizePostcode } from '~/lib/registration.normalize';
import { type ACTION_LABELS, IMPORT_FIELDS } from './import.labels';
import type { SheetRow } from './import.read';
import type { ColumnMapping, ImportKind } from './import.schemas';
import { isEmail, looksLikeFormula, nameKey, normalizeHeader, parseDate } from './import.values';

type PreviewAction = keyof typeof ACTION_LABELS;
type Problem = { text: string; blocking: boolean };

export type PreviewRow = {
  line: number;
  /** What the coordinator recognises the row by (a name, or "A met B"). */
  label: string;
  action: PreviewAction;
  problems: Problem[];
  /** The row's values, cleaned, by field. */
  values: Record<string, string | null>;
  key: string;
  hash: string;
  /** The record an earlier import made of this row (update/unchanged). */
  recordId: string | null;
  /** That earlier import's own record of the row (`import_records.id`): its report facts hang on it. */
  earlierLinkId: string | null;
};

/** A sign-up already in the portal, for duplicates and for the families a koppeling names. */
type KnownFamily = {
  id: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  createdAt: Date;
};

export type PreviewContext = {
  kind: ImportKind;
  gemeenteName: string;
  kernen: readonly string[];
  today: string;
  /** Row key -> what an earlier import made of it. */
  earlier: ReadonlyMap<string, { id: string; recordId: string; rowHash: string }>;
  /** Families already in the portal (of the file's kind; for koppelingen both kinds). */
  vraaggezinnen: readonly KnownFamily[];
  steungezinnen: readonly KnownFamily[];
  /** Koppelingen an earlier import made that were changed on their page since: a list no longer changes them. */
  changedInPortal?: ReadonlySet<string>;
};

/** Header -> field: the gemeente's remembered mapping first, then the common Dutch headers. */
export function guessMapping(kind: ImportKind, headers: readonly string[], remembered?: ColumnMapping): ColumnMapping {
  const fields = IMPORT_FIELDS[kind];
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const header of headers) {
    const field = remembered?.[normalizeHeader(header)];
    if (field !== undefined && (field === '' || fields.some((candidate) => candidate.key === field))) {
      mapping[header] = field;
      if (field) taken.add(field);
    }
  }
  for (const field of fields) {
    if (taken.has(field.key)) continue;
    for (const synonym of field.headers) {
      const header = headers.find(
        (candidate) => mapping[candidate] === undefined && normalizeHeader(candidate) === synonym,
      );
      if (header) {
        mapping[header] = field.key;
        taken.add(field.key);
        break;
      }
    }
  }
  for (const header of headers) mapping[header] ??= '';
  return mapping;
}

/** The mapping as remembered for the gemeente: by normalised header, so "Telefoon " and "telefoon" match. */
export function rememberedForm(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).map(([header, field]) => [normalizeHeader(header), field]));
}

export function missingRequired(kind: ImportKind, mapping: ColumnMapping): string[] {
  const used = new Set(Object.values(mapping));
  return IMPORT_FIELDS[kind].filter((field) => field.required && !used.has(field.key)).map((field) => field.label);
}

const DATE_FIELDS = new Set(['signedUpOn', 'vogReceivedOn', 'startDate', 'lastEvaluationOn', 'endedOn']);
const formatDay = (iso: string) => iso.split('-').reverse().join('-');

export function previewRows(
  headers: readonly string[],
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: PreviewContext,
): PreviewRow[] {
  const fields = IMPORT_FIELDS[context.kind];
  const kernByKey = new Map(context.kernen.map((kern) => [nameKey(kern), kern]));
  const firstLineOfKey = new Map<string, number>();
  const families = familyIndex(context);
  return rows.map((row) => {
    const problems: Problem[] = [];
    const values: Record<string, string | null> = {};
    headers.forEach((header, index) => {
      const field = mapping[header];
      const raw = (row.values[index] ?? '').trim();
      if (!field || !fields.some((candidate) => candidate.key === field)) return;
      if (raw && looksLikeFormula(raw)) {
        problems.push({
          text: `In kolom "${header}" staat iets dat op een formule lijkt. Dat nemen we niet over: zet de waarde zelf in de cel.`,
          blocking: true,
        });
        values[field] = null;
        return;
      }
      values[field] = checkValue(field, header, raw, problems, { kernByKey, context });
    });
    for (const field of fields)
      if (field.required && !values[field.key] && !problems.length)
        problems.push({ text: `${field.label} ontbreekt.`, blocking: true });

    const isKoppeling = context.kind === 'koppelingen';
    const label = isKoppeling
      ? `${values.vraaggezin ?? '?'} met ${values.steungezin ?? '?'}`
      : (values.name ?? `Rij ${row.line}`);
    const key = isKoppeling
      ? `${nameKey(values.vraaggezin ?? '')}|${nameKey(values.steungezin ?? '')}|${values.startDate ?? ''}`
      : nameKey(values.name ?? '');
    const hash = createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);

    const sameLine = firstLineOfKey.get(key);
    if (sameLine !== undefined && key.replace(/\|/g, '') !== '')
      problems.push({ text: `Deze rij staat ook op rij ${sameLine} van dit bestand.`, blocking: true });
    else firstLineOfKey.set(key, row.line);

    if (isKoppeling) checkKoppeling(values, problems, families, context);
    const earlier = context.earlier.get(key);
    if (!earlier && !isKoppeling && values.name) {
      const duplicate = likelyDuplicate(
        values,
        families[context.kind === 'vraaggezinnen' ? 'vraaggezin' : 'steungezin'],
      );
      if (duplicate) problems.push({ text: duplicate, blocking: false });
    }
    const blocked = problems.some((problem) => problem.blocking);
    const action: PreviewAction = blocked
      ? 'error'
      : !earlier
        ? 'create'
        : earlier.rowHash === hash
          ? 'unchanged'
          : 'update';
    if (isKoppeling && action === 'update' && earlier && context.changedInPortal?.has(earlier.recordId))
      return {
        line: row.line,
        label,
        action: 'error' as const,
        problems: [
          ...problems,
          {
            text: 'Deze koppeling is na de import op haar eigen pagina bijgewerkt. Pas haar daar aan; de lijst verandert haar niet meer.',
            blocking: true,
          },
        ],
        values,
        key,
        hash,
        recordId: earlier?.recordId ?? null,
        earlierLinkId: earlier?.id ?? null,
      };
    return {
      line: row.line,
      label,
      action,
      problems,
      values,
      key,
      hash,
      recordId: earlier?.recordId ?? null,
      earlierLinkId: earlier?.id ?? null,
    };
  });
}

function checkValue(
  field: string,
  header: string,
  raw: string,
  problems: Problem[],
  { kernByKey, context }: { kernByKey: Map<string, string>; context: PreviewContext },
): string | null {
  if (!raw) return null;
  if (DATE_FIELDS.has(field)) {
    const date = parseDate(raw);
    if (!date) {
      problems.push({
        text: `"${raw}" in kolom "${header}" is geen datum. Schrijf een datum als 14-03-2025.`,
        blocking: true,
      });
      return null;
    }
    if (date > context.today) {
      problems.push({ text: `${formatDay(date)} in kolom "${header}" ligt in de toekomst.`, blocking: true });
      return null;
    }
    return date;
  }
  switch (field) {
    case 'kern': {
      const kern = kernByKey.get(nameKey(raw));
      if (!kern)
        problems.push({
          text: `De kern "${raw}" kennen we niet in ${context.gemeenteName}. Kies uit: ${context.kernen.join(', ')}.`,
          blocking: true,
        });
      return kern ?? null;
    }
    case 'phone': {
      const phone = normalizePhone(raw);
      if (!phone?.startsWith('+31')) {
        problems.push({
          text: phone
            ? `"${raw}" is geen Nederlands telefoonnummer. Gezinnen bellen we op een Nederlands nummer.`
            : `"${raw}" is geen telefoonnummer.`,
          blocking: true,
        });
        return null;
      }
      return phone;
    }
    case 'postcode': {
      const postcode = normalizePostcode(raw);
      if (!postcode) problems.push({ text: `"${raw}" is geen Nederlandse postcode.`, blocking: true });
      return postcode ?? null;
    }
    case 'email': {
      const email = raw.toLowerCase();
      if (!isEmail(email)) problems.push({ text: `"${raw}" is geen e-mailadres.`, blocking: true });
      return isEmail(email) ? email : null;
    }
    default:
      return raw.replace(/\s+/g, ' ');
  }
}

type FamilyIndex = Record<
  'vraaggezin' | 'steungezin',
  { byName: Map<string, KnownFamily[]>; all: readonly KnownFamily[] }
>;

function familyIndex(context: PreviewContext): FamilyIndex {
  const index = (list: readonly KnownFamily[]) => {
    const byName = new Map<string, KnownFamily[]>();
    for (const family of list) {
      const key = nameKey(family.contactName);
      byName.set(key, [...(byName.get(key) ?? []), family]);
    }
    return { byName, all: list };
  };
  return { vraaggezin: index(context.vraaggezinnen), steungezin: index(context.steungezinnen) };
}

/** "Lijkt op …" with the reason, when a new row looks like a sign-up already in the portal. */
function likelyDuplicate(values: Record<string, string | null>, known: FamilyIndex['vraaggezin']): string | null {
  const since = (family: KnownFamily) => family.createdAt.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' });
  const phone = values.phone;
  const email = values.email;
  for (const family of known.all) {
    if (phone && family.contactPhone === phone)
      return `Lijkt op ${family.contactName} (in het portaal sinds ${since(family)}): zelfde telefoonnummer. Sla deze rij over als het dezelfde is.`;
    if (email && family.contactEmail === email)
      return `Lijkt op ${family.contactName} (in het portaal sinds ${since(family)}): zelfde e-mailadres. Sla deze rij over als het dezelfde is.`;
  }
  const sameName = known.byName.get(nameKey(values.name ?? ''))?.[0];
  return sameName
    ? `Lijkt op ${sameName.contactName} (in het portaal sinds ${since(sameName)}): zelfde naam. Sla deze rij over als het dezelfde is.`
    : null;
}

function checkKoppeling(
  values: Record<string, string | null>,
  problems: Problem[],
  families: FamilyIndex,
  context: PreviewContext,
) {
  for (const party of ['vraaggezin', 'steungezin'] as const) {
    const name = values[party];
    if (!name) continue;
    const found = families[party].byName.get(nameKey(name)) ?? [];
    if (found.length === 0)
      problems.push({
        text: `Het ${party} "${name}" staat niet in het portaal. Importeer eerst de ${party === 'vraaggezin' ? 'vraaggezinnen' : 'steungezinnen'}, of kijk of de naam hetzelfde geschreven is.`,
        blocking: true,
      });
    else if (found.length > 1)
      problems.push({
        text: `Er staan ${found.length} ${party === 'vraaggezin' ? 'vraaggezinnen' : 'steungezinnen'} met de naam "${name}" in ${context.gemeenteName}. Maak de namen verschillend en probeer het opnieuw.`,
        blocking: true,
      });
    else values[`${party}Id`] = found[0]!.id;
  }
  const { startDate, lastEvaluationOn, endedOn } = values;
  if (startDate && lastEvaluationOn && lastEvaluationOn < startDate)
    problems.push({ text: 'De laatste evaluatie ligt vóór de startdatum.', blocking: true });
  if (startDate && endedOn && endedOn < startDate)
    problems.push({ text: 'De einddatum ligt vóór de startdatum.', blocking: true });
  if (endedOn && lastEvaluationOn && lastEvaluationOn > endedOn)
    problems.push({ text: 'De laatste evaluatie ligt na de einddatum.', blocking: true });
  if (values.endReason && !endedOn)
    problems.push({
      text: 'Er staat een reden van afronding, maar geen einddatum. Zonder einddatum nemen we de koppeling over als lopend.',
      blocking: false,
    });
}
