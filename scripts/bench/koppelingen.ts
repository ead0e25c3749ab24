/**
 * Benchmark of matching and follow-up against a real PostgreSQL (DATABASE_URL, or a throw-away
 * embedded cluster) with 100,000 sign-ups over 350 gemeenten, one of which has 2,000 approved
 * steungezinnen (with their screening and VOGs) and hundreds of koppelingen in every phase.
 * Prints p50/p95/max of:
 *   - the shortlist of a vraaggezin in that gemeente (getShortlist: load, filter, rank 2,000, audit)
 *     target p95 < 50 ms;
 *   - the inbox filter "evaluatie te laat" (listInbox with overdue: true) for its coordinator and for
 *     the national office over all 350 gemeenten, target p95 < 100 ms; and the overview
 *     /inbox/koppelingen?te-laat=1 (listKoppelingen) for the same two.
 * The machine's load average is printed: on a shared, busy machine the tail grows.
 * Usage: sh scripts/run.sh tsx scripts/bench/koppelingen.ts   (BENCH_SIGNUPS=100000, BENCH_RUNS=200)
 *
 * The 100,000 rows are written with bulk SQL (generate_series), not through the factories: one
 * insert per row would take minutes. The staff members go through the factories.
 */

import os from 'node:os';
import { sql } from 'drizzle-orm';
import { amsterdamDate } from '~/lib/dates';
import { listInbox } from '~/server/inbox/inbox.usecases';
import { getShortlist, listKoppelingen } from '~/server/koppelingen/koppelingen.usecases';
import { createStaff } from '~tests/support/factories';
import { openBenchDatabase, percentile } from './bench-database';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const GEMEENTEN = 350;
const BIG = 'bench-000';
const APPROVED_IN_BIG = 2_000;
const FAMILIES_IN_BIG = 3_000;

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);

// --- database
const bench = await openBenchDatabase('koppelingen', { max: 10 });
const { connection } = bench;
// The same pool size as the server (src/server/db/db.ts): the shortlist runs its queries side by side.
const { db } = connection;

try {
  const started = performance.now();
  await db.execute(sql`truncate registrations, staff_users, audit_log cascade`);
  // 350 gemeenten; every kern has approximate coordinates (about 2 km apart in the big one).
  await db.execute(sql`
    insert into gemeenten (slug, name, province, region, status, kernen, kern_coordinates)
    select 'bench-' || lpad(g::text, 3, '0'), 'Benchgemeente ' || g, 'Bench', 'Benchregio ' || (g % 35), 'active',
           array(select 'Kern ' || k from generate_series(1, 12) k),
           (select jsonb_object_agg('Kern ' || k, jsonb_build_object('lat', 51.0 + (k % 4) * 0.02, 'lon', 5.9 + (k / 4) * 0.03))
            from generate_series(1, 12) k)
    from generate_series(0, ${GEMEENTEN - 1}) g
    on conflict (slug) do nothing`);
  // The big gemeente: 2,000 steungezinnen and 3,000 vraaggezinnen; the rest spread over the others.
  await db.execute(sql`
    insert into registrations (kind, gemeente_slug, kern, contact_name, contact_email, details, consents, status, created_at, updated_at)
    select k.kind, k.gemeente, 'Kern ' || (1 + g % 12), 'Bench Persoon ' || g, 'bench' || g || '@example.nl',
           case when k.kind = 'steungezin'
             then jsonb_build_object('kind', 'steungezin', 'adultsInHousehold', 2, 'ownChildren', '[]'::jsonb,
                    'days', '["wo","za"]'::jsonb, 'frequency', 'wekelijks', 'sleepovers', 'ja', 'ageGroups', '["4-12"]'::jsonb,
                    'motivation', 'x', 'vogWilling', 'ja')
             else jsonb_build_object('kind', k.kind, 'children', '[{"age": 7}]'::jsonb, 'supportWishes', '["vaste-middag"]'::jsonb, 'message', null)
           end,
           '[]'::jsonb, k.status, now() - (g % 700) * interval '1 day', now() - (g % 700) * interval '1 day'
    from generate_series(1, ${SIGNUPS}) g
    cross join lateral (
      select case
               when g <= ${APPROVED_IN_BIG} then 'steungezin'::registration_kind
               when g <= ${APPROVED_IN_BIG + FAMILIES_IN_BIG} then 'vraaggezin'::registration_kind
               else (array['vraaggezin','steungezin','verwijzing']::registration_kind[])[1 + g % 3]
             end as kind,
             case when g <= ${APPROVED_IN_BIG + FAMILIES_IN_BIG} then ${BIG}
                  else 'bench-' || lpad((1 + (g::bigint * 7919) % ${GEMEENTEN - 1})::text, 3, '0') end as gemeente,
             case when g <= ${APPROVED_IN_BIG} then 'approved'
                  when g <= ${APPROVED_IN_BIG + FAMILIES_IN_BIG} then 'profile_published'
                  else (array['new','contacted','intake_1','intake_2','approved','matched'])[1 + g % 6] end as status
    ) k`);
  // Screening: every steungezin at status approved (the 2,000 and about 5,000 elsewhere), two VOGs each;
  // one in twenty in the big gemeente has an expired VOG, one in ten is paused.
  await db.execute(sql`
    insert into steungezin_screenings (registration_id, gemeente_slug, competences, checklist_signed_off_at, days, frequency,
                                       sleepovers, age_groups, capacity, unavailable_until, approved_at, in_pool, kern, waiting_since)
    select id, gemeente_slug, '[]'::jsonb, now(), array['wo','za'], 'wekelijks',
           (array['ja','misschien','nee'])[1 + abs(hashtext(id::text)) % 3],
           case abs(hashtext(id::text || 'a')) % 3 when 0 then array['0-4','4-12'] when 1 then array['4-12'] else array['12-18','18-23'] end,
           1 + abs(hashtext(id::text || 'c')) % 2,
           case when abs(hashtext(id::text || 'p')) % 10 = 0 then current_date + 30 end,
           now() - (abs(hashtext(id::text || 'w')) % 400) * interval '1 day', true, kern,
           (now() - (abs(hashtext(id::text || 'w')) % 400) * interval '1 day')::date
    from registrations where kind = 'steungezin' and status = 'approved'`);
  await db.execute(sql`
    insert into screening_vogs (registration_id, adult_number, name, requested_on, received_on, valid_until)
    select s.registration_id, n, 'Volwassene ' || n, current_date - 400, current_date - 380,
           case when abs(hashtext(s.registration_id::text || 'v')) % 20 = 0 then current_date - 1 else current_date + 700 end
    from steungezin_screenings s cross join generate_series(1, 2) n`);
  // The shortlist's read model, as refreshScreeningState and refreshSteungezinMatching keep it.
  await db.execute(sql`
    update steungezin_screenings s set vogs_valid_until = v.until
    from (select registration_id, min(valid_until) as until from screening_vogs group by registration_id) v
    where v.registration_id = s.registration_id`);
  // Koppelingen: in the big gemeente 600 active (due dates a year either side of today, so about half
  // overdue) and 200 closed; elsewhere 15,000 in every phase.
  await db.execute(sql`
    with big_families as (
      select id, row_number() over (order by id) as n from registrations where gemeente_slug = ${BIG} and kind = 'vraaggezin'
    ), big_steun as (
      select id, row_number() over (order by id) as n from registrations where gemeente_slug = ${BIG} and kind = 'steungezin'
    )
    insert into koppelingen (gemeente_slug, vraaggezin_id, steungezin_id, phase, proposed_on, start_date, next_due_on, next_due_kind, ended_on)
    select ${BIG}, f.id, s.id, case when f.n <= 600 then 'active' else 'closed' end,
           current_date - 400, current_date - 380,
           case when f.n <= 600 then current_date + ((f.n * 37) % 730 - 365)::int end,
           case when f.n <= 600 then 'evaluation' end,
           case when f.n > 600 then current_date - 10 end
    from big_families f join big_steun s on s.n = f.n
    where f.n <= 800`);
  await db.execute(sql`
    with families as (
      select id, gemeente_slug, row_number() over (partition by gemeente_slug order by id) as n
      from registrations where gemeente_slug <> ${BIG} and kind = 'vraaggezin'
    ), steun as (
      select id, gemeente_slug, row_number() over (partition by gemeente_slug order by id) as n
      from registrations where gemeente_slug <> ${BIG} and kind = 'steungezin'
    )
    insert into koppelingen (gemeente_slug, vraaggezin_id, steungezin_id, phase, proposed_on, start_date, next_due_on, next_due_kind, ended_on)
    select f.gemeente_slug, f.id, s.id, p.phase, current_date - 300, case when p.phase in ('active', 'closed') then current_date - 250 end,
           case when p.phase = 'active' then current_date + ((f.n * 53) % 400 - 200)::int end,
           case when p.phase = 'active' then 'evaluation' end,
           case when p.phase in ('closed', 'declined') then current_date - 20 end
    from families f join steun s on s.gemeente_slug = f.gemeente_slug and s.n = f.n
    cross join lateral (select (array['active','active','closed','declined','proposed'])[1 + f.n % 5] as phase) p
    where f.n <= 45`);
  await db.execute(sql`
    update steungezin_screenings s set open_koppelingen = k.n
    from (select steungezin_id, count(*)::int as n from koppelingen where phase in ('proposed', 'agreed', 'active') group by steungezin_id) k
    where k.steungezin_id = s.registration_id`);
  await db.execute(sql`analyze`);
  const [counts] = (await db.execute(sql`
    select (select count(*)::int from registrations) as signups,
           (select count(*)::int from steungezin_screenings where approved_at is not null) as approved,
           (select count(*)::int from steungezin_screenings where gemeente_slug = ${BIG}) as approved_big,
           (select count(*)::int from koppelingen) as koppelingen,
           (select count(*)::int from koppelingen where phase = 'active' and next_due_on < current_date) as overdue`)) as unknown as {
    signups: number;
    approved: number;
    approved_big: number;
    koppelingen: number;
    overdue: number;
  }[];
  console.log(
    `Seeded ${counts!.signups} sign-ups over ${GEMEENTEN} gemeenten, ${counts!.approved} approved steungezinnen (${counts!.approved_big} in ${BIG}), ` +
      `${counts!.koppelingen} koppelingen (${counts!.overdue} with an overdue evaluation) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );

  const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: [BIG, 'bench-001'] });
  const backoffice = await createStaff(db, { role: 'backoffice' });
  const deps = { db, clock: () => new Date() };
  const families = (await db.execute(
    sql`select id from registrations where gemeente_slug = ${BIG} and kind = 'vraaggezin' order by id offset 800 limit ${RUNS}`,
  )) as unknown as { id: string }[];

  const measure = async (runs: number, once: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await once(i); // warm up (JIT, pool, caches)
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await once(i);
      times.push(performance.now() - t0);
    }
    return times;
  };
  const line = (name: string, times: number[], extra = '') =>
    console.log(
      `${name.padEnd(54)}${fmt(percentile(times, 50))} ${fmt(percentile(times, 95))} ${fmt(Math.max(...times))}  ${extra}`,
    );

  console.log(
    `Load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs. Today (Amsterdam): ${amsterdamDate(new Date())}.`,
  );
  console.log(`\n${RUNS} runs each after 20 warm-up runs, in this process (the domain function, database included):`);
  console.log(`${'scenario'.padEnd(54)}      p50       p95       max`);
  let candidates = 0;
  const shortlist = await measure(RUNS, async (i) => {
    const result = await getShortlist(deps, coordinator.context, families[i % families.length]!.id);
    candidates = result.total;
  });
  line(
    `shortlist, ${APPROVED_IN_BIG} approved in the gemeente (target p95 < 50 ms)`,
    shortlist,
    `${candidates} candidates ranked, top 25 with reasons`,
  );

  let rows = 0;
  for (const [name, staff] of [
    ['coordinator (2 gemeenten)', coordinator],
    ['backoffice (all 350)', backoffice],
  ] as const) {
    const inbox = await measure(RUNS, async () => {
      rows = (await listInbox(deps, staff.context, { overdue: true })).rows.length;
    });
    line(`inbox "evaluatie te laat", ${name} (target p95 < 100 ms)`, inbox, `${rows} rows`);
    const overview = await measure(RUNS, async () => {
      rows = (await listKoppelingen(deps, staff.context, { overdue: true })).rows.length;
    });
    line(`/inbox/koppelingen?te-laat=1, ${name}`, overview, `${rows} rows`);
  }
} finally {
  await connection.close();
  await bench.removeEmbedded();
}
