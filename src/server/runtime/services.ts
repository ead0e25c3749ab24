import type { Runtime } from './runtime';

/** Work that runs in the server process beside requests (outbox delivery, reminders …). */
export type BackgroundService = { name: string; stop: () => Promise<void> };

/** Domains add their background services here. */
export function startBackgroundServices(_runtime: Runtime): BackgroundService[] {
  return [];
}
