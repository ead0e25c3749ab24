/**
 * A small levelled logger for server code; one line per event, no personal data in messages or
 * fields (no names, addresses, e-mail, query strings, request bodies or SQL parameters).
 * `json` (production default): one JSON object per line with time, level, scope, msg, the id of
 * the request being handled (requestId) and the fields, for a log collector. `text`: the same
 * for a person reading a terminal.
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
        ? JSON.stringify({
            time: new Date().toISOString(),
            level: at,
            scope,
            msg: message,
            ...(requestId ? { requestId } : {}),
            ...fields,
          })
        : `[${scope}] ${message}${requestId ? ` (${requestId})` : ''}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
    (at === 'error' ? console.error : at === 'warn' ? console.warn : console.log)(line);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
