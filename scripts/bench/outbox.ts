/**
 * Benchmark of the e-mail outbox against real parts: PostgreSQL (DATABASE_URL, or a throw-away
 * embedded cluster) and a real SMTP server (smtp-server on a free port, counting what arrives).
 * Prints:
 *  1. what queueing a mail costs a request: transactions with one queueEmail, 10 at a time;
 *  2. delivery throughput draining a backlog with 1 and with 2 workers (SMTP, one connection per mail);
 *  3. commit-to-arrival latency of single mails with LISTEN/NOTIFY, and with polling only.
 * Usage: sh scripts/run.sh tsx scripts/bench/outbox.ts   (BENCH_MAILS=1000 by default)
 */

import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { createEmailOutboxHandler } from '~/server/email/email.handler';
import { queueEmail } from '~/server/email/email.usecases';
import { createMailTransport } from '~/server/email/mail-transport';
import { createLogger } from '~/server/logger';
import { outboxMessages } from '~/server/outbox/outbox.table';
import { createOutboxWorker } from '~/server/outbox/outbox.worker';
import { openBenchDatabase, percentile } from './bench-database';

const MAILS = Number(process.env.BENCH_MAILS ?? 1000);
const LATENCY_SAMPLES = 40;
const log = createLogger('error', 'bench');

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// --- database
const bench = await openBenchDatabase('outbox', { max: 20 });
const { connection } = bench;
const { db } = connection;
await db.delete(outboxMessages);

// --- SMTP server that counts arrivals and when they happened
const arrivals = new Map<string, number>();
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  disableReverseLookup: true, // measure our side, not the resolver
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const subject = /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '';
      arrivals.set(subject, performance.now());
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const mail = (subject: string) => ({
  to: 'bench@example.nl',
  template: 'generic' as const,
  data: { subject, heading: 'Hallo', paragraphs: ['Een benchmarkbericht zonder inhoud.'] },
});
const newWorker = (options: { listen?: boolean; id: string; poll?: number; pool?: boolean }) =>
  createOutboxWorker({
    db,
    listen: options.listen ? connection.sql : undefined,
    log,
    workerId: options.id,
    pollIntervalMs: options.poll ?? 1000,
    handlers: [
      createEmailOutboxHandler({
        transport: createMailTransport({
          smtpUrl: options.pool ? `${smtpUrl}?pool=true` : smtpUrl,
          dataDir: bench.folder ?? os.tmpdir(),
        }),
        mailFrom: 'Buurtgezinnen <noreply@buurtgezinnen.nl>',
        publicUrl: 'http://localhost:4321',
      }),
    ],
  });

console.log(
  `Outbox benchmark: ${MAILS} mails, PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, SMTP server on this machine, ${os.cpus().length} CPUs`,
);

// 1. queueing cost per request
{
  const durations: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < MAILS) {
        const i = next++;
        const t0 = performance.now();
        await db.transaction(async (tx) => {
          await tx.execute(sql`select 1`); // stands for the request's own write
          await queueEmail(tx, mail(`queue-${i}`));
        });
        durations.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `1. queue: ${MAILS} transactions with queueEmail, 10 concurrent: ${(MAILS / seconds).toFixed(0)}/s, p50 ${fmt(percentile(durations, 50))}, p95 ${fmt(percentile(durations, 95))}, p99 ${fmt(percentile(durations, 99))}`,
  );
}

// 2. draining the backlog
let firstDrain = true;
for (const { workers, pool } of [
  { workers: 1, pool: false },
  { workers: 2, pool: false },
  { workers: 1, pool: true },
]) {
  if (!firstDrain) {
    await db.delete(outboxMessages);
    await db.transaction(async (tx) => {
      for (let i = 0; i < MAILS; i++) await queueEmail(tx, mail(`drain-${workers}-${pool}-${i}`));
    });
  }
  firstDrain = false;
  received = 0;
  const list = Array.from({ length: workers }, (_, i) => newWorker({ id: `w${i}`, pool }));
  const started = performance.now();
  await Promise.all(
    list.map(async (w) => {
      while ((await w.runOnce()) > 0);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [{ done }] = (await db.execute(
    sql`select count(*)::int as done from outbox_messages where status = 'done'`,
  )) as unknown as [{ done: number }];
  console.log(
    `2. drain with ${workers} worker(s)${pool ? ', SMTP_URL ?pool=true' : ''}: ${MAILS} mails in ${seconds.toFixed(2)} s = ${(MAILS / seconds).toFixed(0)} mails/s (arrived ${received}, marked done ${done})`,
  );
}

// 3. commit-to-arrival latency
for (const mode of ['LISTEN/NOTIFY', 'polling every 1 s only'] as const) {
  const worker = newWorker({ id: `latency-${mode}`, listen: mode === 'LISTEN/NOTIFY', poll: 1000 });
  await worker.start();
  await new Promise((r) => setTimeout(r, 200));
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const subject = `latency-${mode}-${i}`;
    await db.transaction((tx) => queueEmail(tx, mail(subject)));
    const committed = performance.now();
    while (!arrivals.has(subject)) await new Promise((r) => setTimeout(r, 2));
    latencies.push(arrivals.get(subject)! - committed);
    await new Promise((r) => setTimeout(r, 37 + Math.random() * 100)); // not in step with the poll
  }
  await worker.stop();
  console.log(
    `3. commit → arrival at the SMTP server (${mode}), ${LATENCY_SAMPLES} single mails: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(Math.max(...latencies))}`,
  );
}

await new Promise<void>((resolve) => smtp.close(() => resolve()));
await connection.close();
await bench.removeEmbedded();
