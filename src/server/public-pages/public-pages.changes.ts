/**
 * When did public content (profiles, gemeenten) last change, as far as this process knows? The
 * page cache and the profile data cache keep what they made together with the `generation` it
 * was made in; a change bumps the generation, and everything older is no longer served.
 *
 * A change reaches the generation in two ways (docs/decisions/023-public-pages-from-memory.md):
 *  - at once in the process that made it (the profile use cases call `changed()` after their commit);
 *  - in every process over PostgreSQL LISTEN/NOTIFY: a trigger on `profiles` and `gemeenten`
 *    (migration public_content_notify) sends a notification on the channel below when a
 *    transaction that changed them commits, whoever wrote it.
 * A notification that is never delivered (the listening connection dropped, the database
 * restarted) must not leave a page stale for ever. So each process also sends itself a heartbeat
 * on the same channel every 250 ms: notifications arrive in commit order, so once our heartbeat
 * sent at time s came back, every change committed before s has been seen. While a heartbeat came
 * back within the last second, what is cached stays valid until a change; otherwise a cached copy
 * is used for at most one second (`FALLBACK_MS`, the promise of decision 007), and listening is
 * set up again.
 */
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { describeError, type Logger } from '~/server/logger';

/** The NOTIFY channel of the trigger (migration public_content_notify) and of the heartbeats. */
const PUBLIC_CONTENT_CHANNEL = 'public_content';
/** The longest a cached copy is used when we cannot be sure we heard every change: the 1-second promise. */
export const FALLBACK_MS = 1000;
const HEARTBEAT_MS = 250;

export type PublicContentChanges = {
  /** Bumped on every change of public content; cached copies remember the one they were made in. */
  generation: () => number;
  /** Monotonic milliseconds, the clock of `isFresh`. */
  now: () => number;
  /** A change was committed (here, or elsewhere and we heard of it). */
  changed: () => void;
  /** Whether a copy made at `madeAt` in `generation` may still be served. */
  isFresh: (madeAt: number, generation: number) => boolean;
  /** A heartbeat sent at `sentAt` came back: every change committed before then has been heard. */
  confirm: (sentAt: number) => void;
};

export function createPublicContentChanges(now: () => number = () => performance.now()): PublicContentChanges {
  let generation = 1;
  let confirmedAt = Number.NEGATIVE_INFINITY;
  return {
    generation: () => generation,
    now,
    changed: () => {
      generation += 1;
    },
    isFresh: (madeAt, madeIn) => {
      if (madeIn !== generation) return false;
      const at = now();
      return at - confirmedAt < FALLBACK_MS || at - madeAt < FALLBACK_MS;
    },
    confirm: (sentAt) => {
      confirmedAt = Math.max(confirmedAt, sentAt);
    },
  };
}

/**
 * The one generation of this process: the page cache at the edge and the profile data cache share
 * it (kept on globalThis so that two copies of this module in one bundle still share one).
 */
const SHARED = Symbol.for('buurtgezinnen.publicContent');
const holder = globalThis as { [SHARED]?: PublicContentChanges };
holder[SHARED] ??= createPublicContentChanges();
export const publicContent: PublicContentChanges = holder[SHARED];

/**
 * Listens for changes on a connection of its own (postgres.js `listen`) and keeps the heartbeat
 * going; a background service (src/server/runtime/services.ts).
 */
export function listenForPublicContentChanges(
  { sql, log }: { sql: postgres.Sql; log: Logger },
  {
    changes = publicContent,
    heartbeatMs = HEARTBEAT_MS,
  }: { changes?: PublicContentChanges; heartbeatMs?: number } = {},
) {
  const instance = randomBytes(6).toString('hex');
  const prefix = `heartbeat:${instance}:`;
  const sent = new Map<number, number>();
  let sequence = 0;
  let lastHeard = changes.now();
  let subscription: { unlisten: () => Promise<void> } | undefined;
  let subscribing: Promise<void> | undefined;
  let stopped = false;
  let warned = false;

  const onNotify = (payload: string) => {
    if (payload.startsWith('heartbeat:')) {
      if (!payload.startsWith(prefix)) return; // another instance's heartbeat: not a change
      const sentAt = sent.get(Number(payload.slice(prefix.length)));
      if (sentAt === undefined) return;
      lastHeard = changes.now();
      changes.confirm(sentAt);
      for (const key of sent.keys()) if (key <= Number(payload.slice(prefix.length))) sent.delete(key);
      return;
    }
    changes.changed();
  };

  const subscribe = () => {
    subscribing ??= (async () => {
      await subscription?.unlisten().catch(() => undefined);
      subscription = undefined;
      try {
        // onlisten also runs after postgres.js re-listens by itself: whatever happened meanwhile is unknown.
        subscription = await sql.listen(PUBLIC_CONTENT_CHANNEL, onNotify, () => changes.changed());
        lastHeard = changes.now();
        if (warned) log.info('Luistert weer naar wijzigingen van openbare pagina’s');
        warned = false;
      } catch (error) {
        if (!warned)
          log.warn('Luisteren naar wijzigingen van openbare pagina’s lukt niet; kopieën gelden hooguit een seconde', {
            error: describeError(error),
          });
        warned = true;
      }
    })().finally(() => {
      subscribing = undefined;
    });
    return subscribing;
  };

  const beat = () => {
    if (stopped) return;
    // Nothing came back for a while (not even our own heartbeat): listen again.
    if (changes.now() - lastHeard > 4 * heartbeatMs && !subscribing) void subscribe();
    const id = ++sequence;
    sent.set(id, changes.now());
    if (sent.size > 100) sent.delete(sent.keys().next().value!);
    sql`select pg_notify(${PUBLIC_CONTENT_CHANNEL}, ${prefix + id})`.catch(() => undefined);
  };

  const started = subscribe();
  const timer = setInterval(beat, heartbeatMs);
  timer.unref();
  return {
    name: 'public-pages-changes',
    /** Resolves once the first LISTEN succeeded or failed. */
    started,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await subscribing;
      await subscription?.unlisten().catch(() => undefined);
    },
  };
}
