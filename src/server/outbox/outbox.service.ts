/**
 * The outbox worker as a background service: in the web server (src/server/runtime/services.ts,
 * unless OUTBOX_WORKER=false) or in its own process (scripts/outbox-worker.ts).
 */
import type { AppConfig } from '~/server/config/config';
import type { DatabaseConnection } from '~/server/db/db';
import { createEmailOutboxHandler } from '~/server/email/email.handler';
import { createMailTransport } from '~/server/email/mail-transport';
import type { Logger } from '~/server/logger';
import type { OutboxHandler } from './outbox.handlers';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './outbox.worker';

export type OutboxService = { name: string; worker: OutboxWorker; stop: () => Promise<void> };

/**
 * Starts a worker that delivers e-mail plus the given extra topics (e.g. search indexing: pass
 * its handler from services.ts). Returns once it listens for NOTIFY.
 */
export async function startOutboxService(
  { config, connection, log }: { config: AppConfig; connection: DatabaseConnection; log: Logger },
  {
    handlers = [],
    ...tuning
  }: { handlers?: OutboxHandler<never>[] } & Partial<
    Omit<OutboxWorkerOptions, 'db' | 'listen' | 'handlers' | 'log'>
  > = {},
): Promise<OutboxService> {
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, dataDir: config.dataDir });
  const worker = createOutboxWorker({
    db: connection.db,
    listen: connection.sql,
    log,
    handlers: [
      createEmailOutboxHandler({ transport, mailFrom: config.mailFrom, publicUrl: config.publicUrl }),
      ...handlers,
    ],
    ...tuning,
  });
  await worker.start();
  if (transport.kind === 'files' && config.isProduction) {
    log.warn(
      `SMTP_URL is niet gezet: e-mail wordt niet verstuurd maar bewaard in ${config.dataDir}/mail. Zet SMTP_URL in productie.`,
    );
  }
  log.info(
    transport.kind === 'smtp'
      ? 'Outbox-worker draait; e-mail gaat via SMTP.'
      : `Outbox-worker draait; e-mail wordt bewaard in ${config.dataDir}/mail (zie /dev/mailbox).`,
  );
  return {
    name: 'outbox',
    worker,
    stop: async () => {
      await worker.stop();
      transport.close();
    },
  };
}
