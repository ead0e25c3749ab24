/**
 * The one shape of a background service that repeats: run a task now (or after `firstAfterMs`)
 * and then every `everyMs`, never two runs at once in this process, log what it did and why it
 * failed without personal data (describeError: a failed query as its code and first words), and
 * stop by waiting for the run in progress. Timers are unref'd so they never keep a process alive.
 * Domains call this from their `start…Service` and list the service in services.ts; the task
 * itself lives in the domain and is tested on its own (docs/architecture.md, background services).
 */
import { describeError, type Logger } from '~/server/logger';
import type { BackgroundService } from './services';

export function startPeriodicService(options: {
  /** Stable name, e.g. 'inbox-digest' (logs and stop order). */
  name: string;
  everyMs: number;
  /** First run: immediately (0, the default), later, or only after the first interval (null). */
  firstAfterMs?: number | null;
  log: Logger;
  /** Does the work once; resolves to a sentence for the log when there was something to say. */
  run: () => Promise<string | null | undefined>;
  /** Dutch sentence for the log when a run fails, e.g. "Dagoverzicht mislukt". */
  failure: string;
}): BackgroundService {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = options
      .run()
      .then(
        (said) => {
          if (said) options.log.info(`[${options.name}] ${said}`);
        },
        (error: unknown) => options.log.warn(`[${options.name}] ${options.failure}: ${describeError(error)}`),
      )
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  const firstAfter = options.firstAfterMs === undefined ? 0 : options.firstAfterMs;
  const first = firstAfter ? setTimeout(tick, firstAfter) : undefined;
  first?.unref();
  if (firstAfter === 0) tick();
  return {
    name: options.name,
    stop: async () => {
      clearInterval(timer);
      if (first) clearTimeout(first);
      await running;
    },
  };
}
