/** A small levelled logger for server code; one line per event, no personal data in messages. */
export type Logger = {
  debug: (message: string, fields?: Record<string, unknown>) => void;
  info: (message: string, fields?: Record<string, unknown>) => void;
  warn: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, fields?: Record<string, unknown>) => void;
};

const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export function createLogger(level: keyof typeof order = 'info', scope = 'portal'): Logger {
  const emit = (at: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const line = `[${scope}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
    (at === 'error' ? console.error : at === 'warn' ? console.warn : console.log)(line);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
