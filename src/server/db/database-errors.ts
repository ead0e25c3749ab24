/**
 * Is this error "the database is not there right now" (stopped, restarting, unreachable, full)
 * rather than a bug? Those become a Dutch 503 page that says to try again, and the pool
 * reconnects by itself once PostgreSQL is back. Drizzle wraps driver errors in `cause`.
 */
import { describeError } from '~/server/logger';

const unavailableCodes = new Set([
  // postgres.js / Node
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // PostgreSQL: shutting down / starting up / too many connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Safe to log: what failed (describeError: a failed query as its PostgreSQL code, table and first
 * words, never its parameters or message) and where (the stack's call frames, not its message).
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { error: describeError(error) };
  if (error instanceof Error && error.stack) {
    fields.stack = error.stack
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8)
      .map((line) => line.trim());
  }
  return fields;
}
