/**
 * A small levelled logger for server code; one line per event, no personal data in messages or
 * fields. The log never holds a query string, SQL parameters or a request body (they can be a
 * person's name): errors go through describeError, and every text is scrubbed once more on the
 * way out. `json` (production default): one JSON object per line with time, level, scope, msg,
 * the id of the request being handled (requestId) and the fields, for a log collector. `text`:
 * the same for a person reading a terminal.
 */
import { currentRequestId } from '~/server/observability/request-context';

export type Logger = {
  debug: (message: string, fields?: Record<string, unknown>) => void;
  info: (message: string, fields?: Record<string, unknown>) => void;
  warn: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, fields?: Record<string, unknown>) => void;
};

export type LogFormat = 'json' | 'text';

const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export function createLogger(level: keyof typeof order = 'info', scope = 'portal', format: LogFormat = 'text'): Logger {
  const emit = (at: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const requestId = currentRequestId();
    const line =
      format === 'json'
        ? JSON.stringify(
            {
              time: new Date().toISOString(),
              level: at,
              scope,
              msg: message,
              ...(requestId ? { requestId } : {}),
              ...fields,
            },
            (key, value) =>
              value instanceof Error
                ? describeError(value)
                : typeof value === 'string' && key !== 'time'
                  ? scrubLogText(value)
                  : value,
          )
        : scrubLogText(
            `[${scope}] ${message}${requestId ? ` (${requestId})` : ''}${fields ? ` ${JSON.stringify(fields, errorsDescribed)}` : ''}`,
          );
    (at === 'error' ? console.error : at === 'warn' ? console.warn : console.log)(line);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

const errorsDescribed = (_key: string, value: unknown) => (value instanceof Error ? describeError(value) : value);

type DatabaseErrorFields = { code?: string; constraint_name?: string; table_name?: string; routine?: string };

/**
 * An error as one safe line for the log. A failed query (drizzle's DrizzleQueryError, whose
 * message carries the SQL parameters) becomes its PostgreSQL error code, constraint and table and
 * the first words of the statement; PostgreSQL's own message is left out too (it can quote the
 * value: `invalid input syntax for type uuid: "…"`). Other messages are scrubbed.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return scrubLogText(String(error));
  const failedQuery = findFailedQuery(error);
  if (failedQuery) {
    const cause = (failedQuery.cause ?? {}) as DatabaseErrorFields;
    const statement = failedQuery.query.trim().split(/\s+/).slice(0, 4).join(' ');
    return [
      'databasefout',
      cause.code && `code ${cause.code}`,
      cause.routine && `(${cause.routine})`,
      cause.constraint_name && `constraint ${cause.constraint_name}`,
      cause.table_name && `tabel ${cause.table_name}`,
      `bij "${statement} …"`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  return scrubLogText(`${error.name}: ${error.message}`);
}

function findFailedQuery(error: Error): (Error & { query: string; cause?: unknown }) | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (typeof (current as { query?: unknown }).query === 'string' && 'params' in current)
      return current as unknown as Error & { query: string };
    current = current.cause;
  }
  return undefined;
}

const EMAIL = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[a-z]{2,}/gi;

/** Last line of defence: no SQL parameters, no e-mail addresses, no control characters, short. */
export function scrubLogText(text: string): string {
  return (
    text
      .replace(/\n?params: [\s\S]*$/i, ' [parameters weggelaten]')
      .replace(/Failed query:[\s\S]*/i, 'databasefout [query weggelaten]')
      .replace(EMAIL, (address) => `${address.slice(0, 1)}…@${address.split('@')[1]}`)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
      .slice(0, 2000)
  );
}
