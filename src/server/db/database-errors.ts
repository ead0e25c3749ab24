/**
 * Is this error "the database is not there right now" (stopped, restarting, unreachable, full)
 * rather than a bug? Those become a Dutch 503 page that says to try again, and the pool
 * reconnects by itself once PostgreSQL is back. Drizzle wraps driver errors in `cause`.
 */
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

/** Safe to log: the error's class and code and where it was thrown, never its message (it can hold SQL parameters or input). */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  let current: unknown = error;
  const chain: string[] = [];
  for (let depth = 0; depth < 6 && current; depth++) {
    const name = current instanceof Error ? current.name : typeof current;
    const code = (current as { code?: unknown }).code;
    chain.push(typeof code === 'string' ? `${name}(${code})` : name);
    current = (current as { cause?: unknown }).cause;
  }
  fields.error = chain.join(' <- ');
  if (error instanceof Error && error.stack) {
    fields.stack = error.stack
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8)
      .map((line) => line.trim());
  }
  return fields;
}
