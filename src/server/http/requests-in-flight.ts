/**
 * How many HTTP requests this process is answering right now, counted at the edge
 * (runtime/server-entry.ts) from the first byte to the response's close. The outbox worker in the
 * same process gives way to a spike of sign-ups while many are waiting (decision 035).
 */
import type { ServerResponse } from 'node:http';

let inFlight = 0;

/** Counts `res` until it closes (sent, or the connection went). */
export function countRequest(res: ServerResponse): void {
  inFlight++;
  res.once('close', () => {
    inFlight--;
  });
}

export const requestsInFlight = () => inFlight;
