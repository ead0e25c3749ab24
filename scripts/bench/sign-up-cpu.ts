/**
 * The CPU a sign-up costs the Node process, without HTTP: `submitRegistration` (the same use case
 * the form calls: gemeente, form token, form check, the transaction with its statements and mails)
 * in a loop at concurrency 20 against its own embedded PostgreSQL, after 500 to warm up. Prints
 * sign-ups per second and the process's CPU time per sign-up (`process.cpuUsage`), the figure to
 * watch when changing the sign-up's statements (issue 18, docs/decisions/035-prepared-statements.md).
 *
 * Usage: sh scripts/run.sh tsx scripts/bench/sign-up-cpu.ts   (BENCH_SIGNUPS=4000, BENCH_CONCURRENCY=20)
 *   With a CPU profile: sh scripts/run.sh node --cpu-prof --cpu-prof-dir=<folder> --import tsx scripts/bench/sign-up-cpu.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gemeenteSchema } from '~/lib/gemeente.schema';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { createLogger } from '~/server/logger';
import { issueFormToken } from '~/server/registrations/form-token';
import { submitRegistration } from '~/server/registrations/registrations.usecases';
import { createStaff } from '~tests/support/factories';
import { openBenchDatabase } from './bench-database';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const secret = 'bench-secret-'.padEnd(48, 'b');

const bench = await openBenchDatabase('sign-up-cpu', { max: 10 });
const { db } = bench;
const folder = 'src/content/gemeenten';
await syncGemeenten({
  db,
  catalog: readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => gemeenteSchema.parse(JSON.parse(readFileSync(path.join(folder, file), 'utf8')))),
});
// A coordinator, so every sign-up also queues the notice to the people responsible.
await createStaff(db, {
  email: 'coordinator-beekdaelen@bench.invalid',
  displayName: 'Coördinator',
  gemeenten: ['beekdaelen'],
  appSecret: secret,
});
const deps = {
  db,
  clock: () => new Date(),
  config: { appSecret: secret, registrations: { minFillMs: 3000, limitPerAddressPerHour: 20 } },
  log: createLogger('error'),
};

let sequence = 0;
async function signUp() {
  const n = sequence++;
  const result = await submitRegistration(deps, {
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    clientAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    fields: {
      formToken: issueFormToken({ secret, kind: 'vraaggezin', now: new Date(Date.now() - 10_000) }),
      website: '',
      kern: 'Schimmert',
      name: 'Sanne',
      phone: `06${10_000_000 + n}`,
      contactTime: 'avond',
      email: `bench-${n}@voorbeeld.nl`,
      children: '4 en 2016',
      supportWishes: ['vaste-middag', 'luisterend-oor'],
      message: 'Woensdag is fijn.',
      source: 'school',
      consent: 'ja',
    },
  });
  if (!result.ok) throw new Error(`sign-up refused: ${JSON.stringify(result.errors)}`);
}
async function run(count: number) {
  let left = count;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await signUp();
    }),
  );
}

try {
  await run(500);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(SIGNUPS);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${SIGNUPS} sign-ups in ${seconds.toFixed(1)} s = ${(SIGNUPS / seconds).toFixed(0)}/s at concurrency ${CONCURRENCY}; ` +
      `CPU of this process per sign-up: ${((used.user + used.system) / SIGNUPS / 1000).toFixed(3)} ms ` +
      `(user ${(used.user / SIGNUPS / 1000).toFixed(3)}, system ${(used.system / SIGNUPS / 1000).toFixed(3)})`,
  );
} finally {
  await bench.connection.close();
  await bench.removeEmbedded();
}
