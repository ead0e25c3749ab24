/**
 * The outbox worker as its own process, for deployments that run it beside (or instead of the
 * worker inside) the web servers: `npm run outbox-worker`. Needs DATABASE_URL (the embedded
 * PostgreSQL belongs to one web server process) and the same SMTP_URL, MAIL_FROM, PUBLIC_URL as
 * the web server. Set OUTBOX_WORKER=false on the web servers if this process should do all
 * delivery; running both is safe (rows are claimed with FOR UPDATE SKIP LOCKED).
 *
 *   --lease-seconds N   how long a claimed row stays with this worker (default 120)
 *   --poll-seconds N    fallback poll when no NOTIFY arrives (default 5)
 *   --retry-seconds N   first retry after a failed delivery (default 15; doubles per attempt …)
 *   --retry-max-seconds N  … up to this (default 3600): lower it to drain faster after an SMTP outage
 * Stops cleanly on SIGTERM/SIGINT (finishes deliveries in progress).
 */
import { parseArgs } from 'node:util';
import { getConfigOrExit } from '~/server/config/config';
import { connectDatabase } from '~/server/db/db';
import { migrateDatabase } from '~/server/db/migrate';
import { createLogger } from '~/server/logger';
import type { OutboxHandler } from '~/server/outbox/outbox.handlers';
import { startOutboxService } from '~/server/outbox/outbox.service';
import { createPrivacyLinkHandler } from '~/server/privacy/privacy.requests';
import { searchOutboxHandlers } from '~/server/search/search.service';

const { values } = parseArgs({
  options: {
    'lease-seconds': { type: 'string' },
    'poll-seconds': { type: 'string' },
    'retry-seconds': { type: 'string' },
    'retry-max-seconds': { type: 'string' },
  },
});
const seconds = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} moet een positief getal zijn`);
    process.exit(1);
  }
  return n * 1000;
};
const leaseMs = seconds('lease-seconds', values['lease-seconds']);
const pollIntervalMs = seconds('poll-seconds', values['poll-seconds']);
const retryBaseMs = seconds('retry-seconds', values['retry-seconds']);
const retryMaxMs = seconds('retry-max-seconds', values['retry-max-seconds']);

const config = getConfigOrExit();
if (!config.databaseUrl) {
  console.error(
    'De losse outbox-worker heeft DATABASE_URL nodig. Zonder DATABASE_URL bezorgt de webserver zelf de e-mail.',
  );
  process.exit(1);
}

const log = createLogger(config.logLevel, 'outbox-worker', config.logFormat);
const connection = connectDatabase(config.databaseUrl, { max: 4 });
await migrateDatabase(connection);
const service = await startOutboxService(
  { config, connection, log },
  {
    leaseMs,
    pollIntervalMs,
    retryBaseMs,
    retryMaxMs,
    handlers: [
      ...(await searchOutboxHandlers({ config, db: connection.db, log })),
      // /mijn-gegevens: look up the sign-ups and mail the link (decision 030).
      createPrivacyLinkHandler({ db: connection.db, clock: () => new Date() }) as OutboxHandler<never>,
    ],
  },
);
log.info(`Outbox-worker ${service.worker.id} gestart.`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`Outbox-worker stopt (${signal}); bezig met lopende bezorgingen.`);
    service
      .stop()
      .then(() => connection.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}
