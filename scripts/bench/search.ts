/**
 * Benchmark of inbox search (PostgreSQL adapter; Meilisearch too when MEILISEARCH_URL is set).
 * Seeds 100,000 sign-ups in one INSERT … SELECT generate_series (realistic Dutch names with
 * particles and accents, the villages of the demo gemeenten, referrals with an organisation,
 * notes on one in ten) through the real table, so the search triggers do the indexing. Prints:
 *  1. seeding time (what the triggers cost per sign-up);
 *  2. p50/p95/p99 latency of 1,000 realistic queries as a coordinator of one or two gemeenten
 *     (names, typos, villages, phones in any format, e-mail, postcode, organisation, note words),
 *     overall and per kind of query;            target p95 < 50 ms
 *  3. time from committing one new sign-up until a search finds it.   target < 1 s
 * Usage: sh scripts/run.sh tsx scripts/bench/search.ts   (BENCH_SIGNUPS=100000, BENCH_QUERIES=1000)
 */

import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { gemeenteSchema } from '~/lib/gemeente.schema';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { registrations } from '~/server/registrations/registrations.table';
import { createMeilisearchSearchIndex } from '~/server/search/search.meilisearch';
import type { SearchIndex } from '~/server/search/search.port';
import { createPostgresSearchIndex } from '~/server/search/search.postgres';
import { createRegistration } from '~tests/support/factories';
import { openBenchDatabase, percentile } from './bench-database';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const INDEX_SAMPLES = 20;

console.log(
  `Load average before the run: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores (the machine is shared).`,
);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// Deterministic pseudo-random numbers, so two runs ask the same queries.
let seed = 20261123;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

// --- database
const bench = await openBenchDatabase('search', { max: 10 });
const { connection } = bench;
const { db } = connection;
const folder = 'src/content/gemeenten';
const catalog = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((f) => gemeenteSchema.parse(JSON.parse(readFileSync(path.join(folder, f), 'utf8'))));
await syncGemeenten({ db, catalog });

const FIRST = [
  'Fatima',
  'Anouk',
  'Sanne',
  'Lieke',
  'Emma',
  'Sophie',
  'Julia',
  'Noor',
  'Eva',
  'Renée',
  'Marieke',
  'Ilse',
  'Mohammed',
  'Daan',
  'Sem',
  'Lucas',
  'Thijs',
  'Bram',
  'Jeroen',
  'Peter',
  'Sander',
  'Björn',
  'Ayşe',
  'Yusuf',
  'Zoë',
  'Chloë',
  'Joëlle',
  'Inge',
  'Wilma',
  'Ria',
  'Sjoerd',
  'Tjitske',
  'Hidde',
  'Femke',
  'Jelle',
  'Anke',
  'Gerrit',
  'Mirjam',
  'Esther',
  'Karin',
  'Youssef',
  'Priya',
  'Olga',
  'Kees',
  'Maartje',
];
const LAST = [
  'van der Linden',
  'de Jong',
  'Janssen',
  'Jansen',
  'Smeets',
  'Hermans',
  'El Amrani',
  'Öztürk',
  'Bakkali',
  'Yilmaz',
  'Vroemen',
  'Pelzer',
  'Coenen',
  'Quaedvlieg',
  'Houben',
  'Schreurs',
  'Hoekstra',
  'de Vries',
  'Visser',
  'Bakker',
  'Dijkstra',
  'Postma',
  'Kramer',
  'van Dijk',
  'Mulder',
  'Bos',
  'Meijer',
  'de Boer',
  'Peters',
  'Willems',
  'Maes',
  'Vos',
  'Lemmens',
  'Wouters',
  'Gerards',
  'Kusters',
  'Brouns',
  'Ramakers',
  'Bouwens',
  'Nijenhuis',
  'Veenstra',
  'van den Berg',
  'Çelik',
  'Nguyen',
  'Kowalski',
];
const DOMAINS = ['gmail.com', 'hotmail.com', 'ziggo.nl', 'kpnmail.nl', 'outlook.com', 'live.nl', 'home.nl'];
const ORGANISATIONS = [
  'Basisschool De Regenboog',
  'Jeugdteam Beekdaelen',
  'Huisartsenpraktijk Nuth',
  'Consultatiebureau Schinnen',
  'Wijkteam Heerenveen-Noord',
  'Kinderopvang Het Speelhuis',
  'Maatschappelijk werk Alterius',
  'Basisschool De Wingerd',
  'GGD Zuid-Limburg',
  'Welzijn Haarlem',
];
const NOTES = [
  'Moeder werkt in ploegendienst; belt liever na 19 uur.',
  'Past mogelijk bij een van onze steungezinnen in het dorp.',
  'Kennismaking gepland, oma woont in de buurt en helpt soms.',
  'Heeft ervaring als pleeggezin, VOG aangevraagd.',
  'Zoekt vooral hulp op woensdagmiddag en af en toe een logeerpartij.',
];
// drizzle expands a JS array into a row; pass text arrays as one delimited string instead.
const textArray = (values: readonly string[]) => sql`string_to_array(${values.join('|')}::text, '|')`;
const gemeenten = catalog.map((g) => ({ slug: g.slug, kernen: g.kernen }));

// --- 1. seed
// Bulk SQL on purpose (not the test factories): 100,000 single INSERTs would take minutes, and one
// INSERT … SELECT is what measures the triggers' cost per row. The few sign-ups of part 3 use createRegistration.
const existing = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${registrations}`))[0]!.n;
if (existing < SIGNUPS) {
  const started = performance.now();
  const slugs = gemeenten.map((g) => g.slug);
  await db.execute(sql`
    with params as (
      select ${textArray(FIRST)} as firsts, ${textArray(LAST)} as lasts, ${textArray(DOMAINS)} as domains,
             ${textArray(ORGANISATIONS)} as orgs, ${textArray(slugs)} as slugs
    ), rows as (
      select i, p.*,
             p.slugs[1 + (i % array_length(p.slugs, 1))] as slug,
             p.firsts[1 + ((i * 7) % array_length(p.firsts, 1))] as first,
             p.lasts[1 + ((i * 13 + i / 97) % array_length(p.lasts, 1))] as last
      from generate_series(${existing + 1}::int, ${SIGNUPS}::int) as i, params p
    )
    insert into registrations (kind, gemeente_slug, kern, postcode, contact_name, contact_email, contact_phone, details, consents, status, created_at)
    select
      k.kind::registration_kind, r.slug,
      m.kernen[1 + ((i / 4) % array_length(m.kernen, 1))],
      case when i % 3 = 0 then (6000 + (i % 3999))::text || ' ' || chr(65 + (i % 26)) || chr(65 + ((i / 26) % 26)) end,
      r.first || ' ' || r.last,
      lower(replace(r.first, ' ', '') || '.' || replace(r.last, ' ', '') || (i % 997)::text || '@' || r.domains[1 + (i % array_length(r.domains, 1))]),
      case when i % 5 <> 0 then '+316' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0') end,
      case k.kind
        when 'verwijzing' then jsonb_build_object('kind', 'verwijzing', 'referrer', jsonb_build_object('name', r.firsts[1 + (i % 40)] || ' ' || r.lasts[1 + (i % 41)], 'organisationType', 'school', 'organisationName', r.orgs[1 + ((i / 10) % array_length(r.orgs, 1))], 'email', 'verwijzer' || i || '@example.nl', 'phone', null), 'children', '[]'::jsonb, 'reason', 'Gezin staat er alleen voor.', 'parentsAgree', true, 'firstContact', 'coordinator', 'wantsUpdates', false)
        when 'steungezin' then '{"kind":"steungezin","adultsInHousehold":2,"ownChildren":[],"days":["wednesday"],"frequency":"weekly","sleepovers":"no","ageGroups":["4-12"],"motivation":"Tijd over","vogWilling":"yes"}'::jsonb
        else '{"kind":"vraaggezin","children":[{"age":7}],"supportWishes":[],"message":null}'::jsonb
      end,
      '[]'::jsonb,
      (array['new','new','new','contacted','intake_1','intake_2'])[1 + (i % 6)],
      now() - ((i % 1500) * interval '1 day') - ((i % 86400) * interval '1 second')
    from rows r
    join gemeenten m on m.slug = r.slug
    cross join lateral (select case when i % 10 < 5 then 'vraaggezin' when i % 10 < 8 then 'steungezin' else 'verwijzing' end as kind) k
  `);
  const seeded = performance.now() - started;
  const notesStarted = performance.now();
  await db.execute(sql`
    insert into inbox_notes (registration_id, body)
    select id, (${textArray(NOTES)})[1 + ((abs(hashtext(id::text)) / 10) % ${NOTES.length}::int)]
    from registrations where abs(hashtext(id::text)) % 10 = 0`);
  const notesTime = performance.now() - notesStarted;
  // Steady state as autovacuum would leave it: GIN pending lists merged, statistics current.
  await db.execute(sql`vacuum analyze`);
  const docs = (
    await db.execute<{ n: number; notes: number }>(
      sql`select count(*)::int as n, count(notes)::int as notes from search_documents`,
    )
  )[0]!;
  console.log(
    `1. Seeded ${SIGNUPS - existing} sign-ups in ${(seeded / 1000).toFixed(1)} s (${((seeded * 1000) / (SIGNUPS - existing)).toFixed(0)} µs per sign-up incl. its search document), ` +
      `${docs.notes} notes in ${(notesTime / 1000).toFixed(1)} s; ${docs.n} search documents.`,
  );
} else {
  console.log(`1. Database already holds ${existing} sign-ups; not seeding again.`);
}

// --- 2. queries
type Sample = {
  name: string;
  kern: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  organisation: string | null;
  notes: string | null;
  gemeente: string;
};
const samples = await db.execute<Sample>(sql`
  select name, kern, email, phone, postcode, organisation, notes, gemeente_slug as gemeente
  from search_documents tablesample system (5) where gemeente_slug in ('beekdaelen', 'heerenveen') limit 3000`);

function typo(word: string): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const op = random();
  if (op < 0.4) return word.slice(0, at) + word.slice(at + 1); // dropped letter
  if (op < 0.7) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // swapped letters
  return word.slice(0, at) + (word[at] === 'e' ? 'a' : 'e') + word.slice(at + 1); // wrong vowel
}
function phoneFormat(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return pick([
    e164,
    national,
    `${national.slice(0, 2)}-${national.slice(2)}`,
    `${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`,
    `+31 6 ${national.slice(2)}`,
  ]);
}
const lastName = (name: string) => name.split(' ').slice(1).join(' ');
const firstName = (name: string) => name.split(' ')[0]!;

type Query = { kind: string; text: string; allowed: string[]; exactOf?: string };
const queries: Query[] = [];
while (queries.length < QUERIES) {
  const s = pick(samples);
  const allowed = random() < 0.7 ? ['beekdaelen', 'heerenveen'] : [s.gemeente];
  const r = random();
  if (r < 0.2) queries.push({ kind: 'full name', text: s.name, allowed });
  else if (r < 0.35 && s.kern)
    queries.push({
      kind: 'first name + village, typos',
      text: `${typo(firstName(s.name).toLowerCase())} ${typo(s.kern.toLowerCase())}`,
      allowed,
    });
  else if (r < 0.5)
    queries.push({
      kind: 'surname (typo half the time)',
      text: random() < 0.5 ? typo(lastName(s.name)) : lastName(s.name),
      allowed,
    });
  else if (r < 0.62 && s.phone) queries.push({ kind: 'phone, any format', text: phoneFormat(s.phone), allowed });
  else if (r < 0.72 && s.email) queries.push({ kind: 'e-mail', text: s.email, allowed });
  else if (r < 0.77 && s.postcode)
    queries.push({
      kind: 'postcode',
      text: random() < 0.5 ? s.postcode : s.postcode.replace(' ', '').toLowerCase(),
      allowed,
    });
  else if (r < 0.87 && s.kern) queries.push({ kind: 'village', text: random() < 0.5 ? s.kern : typo(s.kern), allowed });
  else if (r < 0.93)
    queries.push({
      kind: 'organisation',
      text: pick(['regenboog', 'jeugdteam', 'huisarts nuth', 'wijkteam', 'speelhuis', 'consultatiebureau']),
      allowed,
    });
  else
    queries.push({
      kind: 'note word',
      text: pick(['steungezin', 'pleeggezin', 'woensdagmiddag', 'logeren', 'oma']),
      allowed,
    });
}

async function measure(index: SearchIndex, label: string) {
  for (const q of queries.slice(0, 50)) await index.search({ text: q.text, allowedGemeenten: q.allowed }); // warm-up
  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  let found = 0;
  let leaked = 0;
  const empty = new Map<string, number>();
  for (const q of queries) {
    const started = performance.now();
    const result = await index.search({ text: q.text, allowedGemeenten: q.allowed });
    const ms = performance.now() - started;
    times.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
    if (result.total > 0) found++;
    else {
      empty.set(q.kind, (empty.get(q.kind) ?? 0) + 1);
      if (process.env.BENCH_SHOW_MISSES) console.log(`   no hits: ${q.kind}: ${q.text}`);
    }
    leaked += result.hits.filter((h) => !q.allowed.includes(h.gemeente)).length;
  }
  console.log(
    `2. ${label}: ${queries.length} queries, p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, p99 ${fmt(percentile(times, 99))} (target p95 < 50 ms); ${found} with hits; hits outside the coordinator's gemeenten: ${leaked}`,
  );
  for (const [kind, values] of [...byKind].sort()) {
    console.log(
      `   ${kind.padEnd(30)} n=${String(values.length).padStart(4)}  p50 ${fmt(percentile(values, 50)).padStart(9)}  p95 ${fmt(percentile(values, 95)).padStart(9)}  p99 ${fmt(percentile(values, 99)).padStart(9)}  without hits: ${empty.get(kind) ?? 0}`,
    );
  }
}

async function indexLatency(index: SearchIndex, label: string) {
  const times: number[] = [];
  for (let i = 0; i < INDEX_SAMPLES; i++) {
    const name = `Benchmark Quaedflieg${i}x${Date.now().toString(36)}`;
    const started = performance.now();
    await db.transaction(async (tx) => {
      await createRegistration(tx, 'vraaggezin', { kern: 'Nuth', contactName: name });
    });
    const last = name.split(' ')[1]!;
    for (;;) {
      const result = await index.search({ text: last, allowedGemeenten: ['beekdaelen'] });
      if (result.total > 0) break;
      if (performance.now() - started > 10_000) throw new Error(`${label}: not findable after 10 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - started);
  }
  console.log(
    `3. ${label}: commit of a new sign-up until a search finds it: p50 ${fmt(percentile(times, 50))}, max ${fmt(Math.max(...times))} over ${INDEX_SAMPLES} sign-ups (target < 1 s)`,
  );
}

const postgresIndex = createPostgresSearchIndex({ db });
await measure(postgresIndex, 'PostgreSQL adapter');
await indexLatency(postgresIndex, 'PostgreSQL adapter (trigger in the same transaction)');

const meiliUrl = process.env.MEILISEARCH_URL;
if (meiliUrl) {
  const meili = createMeilisearchSearchIndex({
    db,
    url: meiliUrl,
    key: process.env.MEILISEARCH_KEY,
    indexName: 'registrations_bench',
  });
  const started = performance.now();
  const { documents } = await meili.reindexAll();
  console.log(
    `   Meilisearch full reindex of ${documents} documents: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await measure(meili, 'Meilisearch adapter');
  console.log('   (index latency via the outbox: run the outbox worker with MEILISEARCH_URL set; not measured here)');
} else {
  console.log('   Meilisearch not measured: MEILISEARCH_URL is not set.');
}

await connection.close();
await bench.removeEmbedded();
