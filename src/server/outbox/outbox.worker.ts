/**
 * Delivers outbox messages. Any number of workers (threads of one server, several instances,
 * a separate process) may run against one database:
 *  1. claim: in one short transaction, take up to `batchSize` due rows with
 *     FOR UPDATE SKIP LOCKED and give them a lease (next_attempt_at = locked_until = now + lease),
 *     counting the attempt. Other workers skip locked rows and do not see leased ones as due.
 *  2. deliver outside any transaction, through the topic's handler.
 *  3. mark done, only while still holding the lease (locked_by = this worker).
 * A crash between 2 and 3 leaves the row leased; when the lease ends another worker delivers it
 * again, with the same message id (at-least-once, deduplicated by Message-ID).
 * Failures are retried with exponential backoff and jitter up to max_attempts, then parked.
 * See docs/decisions/003-outbox.md.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type postgres from 'postgres';
import type { Database } from '~/server/db/db';
import { describeError, type Logger } from '~/server/logger';
import { createHandlerRegistry, type OutboxHandler, PermanentDeliveryError } from './outbox.handlers';
import { createOutboxRepository, OUTBOX_CHANNEL, type OutboxMessage } from './outbox.repository';

export type OutboxWorkerOptions = {
  db: Database;
  /** postgres.js client for LISTEN (wakes the worker right after a commit); without it, polling only. */
  listen?: postgres.Sql;
  handlers: OutboxHandler<never>[];
  log: Logger;
  /** Rows per claim. */
  batchSize?: number;
  /** How long a claimed row stays with this worker; must exceed the slowest delivery (SMTP timeouts are 10–30 s). */
  leaseMs?: number;
  /** Fallback poll when no NOTIFY arrives (e.g. a retry becoming due). */
  pollIntervalMs?: number;
  /** First retry after about this long; doubles per attempt … */
  retryBaseMs?: number;
  /** … up to this. */
  retryMaxMs?: number;
  /** Delivered rows are deleted after this long (they hold addresses and one-time links). */
  retentionMs?: number;
  /** Name in locked_by, for diagnosis. */
  workerId?: string;
  /**
   * True while the process has more urgent work (the web server's requests, decision 035): the
   * worker then waits `busyPauseMs` before each batch, so mail goes out at a steady trickle and
   * catches up once the spike is over, instead of taking CPU from the sign-ups themselves.
   */
  busy?: () => boolean;
  /** The wait before each batch while `busy` (one batch of `batchSize` per pause). */
  busyPauseMs?: number;
};

export type OutboxWorker = {
  id: string;
  /** Starts the loop (claim, deliver, sleep until NOTIFY or poll). */
  start: () => Promise<void>;
  /** Stops claiming, waits for deliveries in progress. */
  stop: () => Promise<void>;
  /** One claim + delivery round; returns how many rows it handled. For tests and scripts. */
  runOnce: () => Promise<number>;
  /** Wake the loop now. */
  wake: () => void;
};

const OUTBOX_DEFAULTS = {
  batchSize: 10,
  busyPauseMs: 250,
  leaseMs: 120_000,
  pollIntervalMs: 5_000,
  retryBaseMs: 15_000,
  retryMaxMs: 3_600_000,
  retentionMs: 7 * 24 * 3_600_000,
} as const;

/** Backoff before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function retryDelayMs(
  attempt: number,
  { baseMs, maxMs }: { baseMs: number; maxMs: number },
  random = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const settings = { ...OUTBOX_DEFAULTS, ...definedOnly(options) };
  const { db, log } = options;
  const id = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const handlers = createHandlerRegistry(options.handlers);
  const topics = [...handlers.keys()];

  let stopped = false;
  let running: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let wakePending = false;
  let unlisten: (() => Promise<void>) | undefined;
  let lastPurge = 0;
  let stopNow: (() => void) | undefined;

  const wake = () => {
    wakePending = true;
    wakeUp?.();
  };
  const sleep = (delay: number) =>
    new Promise<void>((resolve) => {
      if (wakePending || stopped) return resolve();
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function claim(): Promise<OutboxMessage[]> {
    if (topics.length === 0) return [];
    return db.transaction(async (tx) => {
      const outbox = createOutboxRepository({ db: tx });
      await outbox.parkExhausted();
      return outbox.claimDue({ topics, batchSize: settings.batchSize, leaseMs: settings.leaseMs, workerId: id });
    });
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    const handler = handlers.get(message.topic)!;
    const outbox = createOutboxRepository({ db });
    try {
      await handler.deliver({
        messageId: message.id,
        topic: message.topic,
        payload: message.payload as never,
        attempt: message.attempts,
        createdAt: message.createdAt,
        log,
      });
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const lastError = describe(error);
      if (permanent || message.attempts >= message.maxAttempts) {
        await outbox.markFailed(message.id, id, lastError);
        log.error('Outbox-bericht geparkeerd na mislukte bezorging', {
          id: message.id,
          topic: message.topic,
          attempts: message.attempts,
          permanent,
          error: lastError,
        });
      } else {
        const delay = retryDelayMs(message.attempts, { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs });
        await outbox.scheduleRetry(message.id, id, delay, lastError);
        log.warn('Outbox-bezorging mislukt, nieuwe poging volgt', {
          id: message.id,
          topic: message.topic,
          attempts: message.attempts,
          retryInMs: delay,
          error: lastError,
        });
      }
      return;
    }
    if (!(await outbox.markDone(message.id, id)))
      log.warn('Outbox-bericht bezorgd nadat de lease verlopen was', { id: message.id, topic: message.topic });
  }

  async function purge(): Promise<void> {
    if (Date.now() - lastPurge < 3_600_000) return;
    lastPurge = Date.now();
    await createOutboxRepository({ db }).purgeDelivered(settings.retentionMs);
  }

  async function runOnce(): Promise<number> {
    const batch = await claim();
    // One batch is small; deliver its rows side by side.
    await Promise.all(
      batch.map((message) =>
        deliver(message).catch((error) =>
          log.error('Outbox: status opslaan mislukt', { id: message.id, error: describe(error) }),
        ),
      ),
    );
    return batch.length;
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      wakePending = false;
      if (options.busy?.()) {
        // Not `sleep`: during a spike every commit's NOTIFY would end it at once.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, settings.busyPauseMs);
          stopNow = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        stopNow = undefined;
        if (stopped) break;
      }
      try {
        const handled = await runOnce();
        await purge();
        failures = 0;
        if (handled === settings.batchSize) continue; // more may be waiting
      } catch (error) {
        // The database is away: wait longer each time, up to the poll interval × 6.
        failures++;
        log.warn('Outbox-worker kan de database niet bereiken', { error: describe(error) });
        await sleep(Math.min(settings.pollIntervalMs * 6, 500 * 2 ** failures));
        continue;
      }
      await sleep(settings.pollIntervalMs);
    }
  }

  return {
    id,
    wake,
    runOnce,
    start: async () => {
      if (running) return;
      stopped = false;
      if (options.listen) {
        try {
          const subscription = await options.listen.listen(OUTBOX_CHANNEL, () => wake());
          unlisten = subscription.unlisten;
        } catch (error) {
          log.warn('Outbox-worker luistert niet naar NOTIFY; alleen polling', { error: describe(error) });
        }
      }
      running = loop();
    },
    stop: async () => {
      stopped = true;
      wakeUp?.();
      stopNow?.();
      await running;
      running = undefined;
      await unlisten?.().catch(() => undefined);
      unlisten = undefined;
    },
  };
}

function describe(error: unknown): string {
  return describeError(error).slice(0, 500);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
