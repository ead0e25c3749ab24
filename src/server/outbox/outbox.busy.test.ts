/**
 * The worker in the web server gives way while the process is busy (decision 035): one batch per
 * pause, so the mail of a sign-up spike trickles out and none of it is left behind.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '~/server/logger';
import { createTestDatabase } from '~tests/support/database';
import type { OutboxHandler } from './outbox.handlers';
import { enqueueOutboxMessages } from './outbox.usecases';
import { createOutboxWorker } from './outbox.worker';

const { db, sql } = await createTestDatabase();
const log = createLogger('error', 'test');

async function deliveryTimes(topic: string, busy: () => boolean, busyPauseMs: number) {
  const times: number[] = [];
  const handler: OutboxHandler<never> = {
    topic,
    deliver: async () => {
      times.push(performance.now());
    },
  };
  await db.transaction((tx) =>
    enqueueOutboxMessages(
      tx,
      Array.from({ length: 25 }, (_, n) => ({ topic, payload: { n } })),
    ),
  );
  const worker = createOutboxWorker({ db, listen: sql, log, handlers: [handler], batchSize: 10, busyPauseMs, busy });
  await worker.start();
  const deadline = Date.now() + 15_000;
  while (times.length < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await worker.stop();
  return times.sort((a, b) => a - b);
}

describe('the outbox worker while the process is busy', () => {
  it('delivers one batch per pause, and every message in the end', async () => {
    const times = await deliveryTimes('test.busy', () => true, 300);
    expect(times).toHaveLength(25);
    // Batches of 10: the 11th and the 21st message each wait a full pause after the batch before.
    expect(times[10]! - times[9]!).toBeGreaterThanOrEqual(250);
    expect(times[20]! - times[19]!).toBeGreaterThanOrEqual(250);
  });

  it('does not wait when the process is not busy', async () => {
    let asked = 0;
    const times = await deliveryTimes(
      'test.idle',
      () => {
        asked++;
        return false;
      },
      2_000,
    );
    expect(times).toHaveLength(25);
    expect(asked).toBeGreaterThanOrEqual(3);
    // No pauses of 2 s between the three batches (with them it would take 4 s or more).
    expect(times[24]! - times[0]!).toBeLessThan(2_000);
  });
});
