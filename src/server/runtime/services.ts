import { requestsInFlight } from '~/server/http/requests-in-flight';
import { startDigestService } from '~/server/inbox/inbox.digest';
import type { OutboxHandler } from '~/server/outbox/outbox.handlers';
import { startOutboxService } from '~/server/outbox/outbox.service';
import { createPrivacyLinkHandler } from '~/server/privacy/privacy.requests';
import { startRetentionService } from '~/server/privacy/privacy.retention';
import { listenForPublicContentChanges } from '~/server/public-pages/public-pages.changes';
import { startSurveyReminderService } from '~/server/rapportage/rapportage.survey';
import { startRateLimitPruning } from '~/server/rate-limits/rate-limits.service';
import { startVogReminderService } from '~/server/screening/screening.usecases';
import { startSearchMaintenance } from '~/server/search/search.maintenance';
import { searchOutboxHandlers } from '~/server/search/search.service';
import type { Runtime } from './runtime';

/** Requests in flight from which the in-process outbox worker gives way (a spike, not a busy afternoon). */
const BUSY_REQUESTS = 8;

/** Work that runs in the server process beside requests (outbox delivery, reminders …). */
export type BackgroundService = { name: string; stop: () => Promise<void> };

/** Domains add their background services here. */
export async function startBackgroundServices(runtime: Runtime): Promise<BackgroundService[]> {
  const services: BackgroundService[] = [];
  // Outbox: e-mail, plus the topic handlers other domains pass in `handlers` (e.g. search indexing).
  // Search: switches the trigger feed for Meilisearch on/off and gives its 'search.index' handler.
  const searchHandlers = await searchOutboxHandlers(runtime);
  // Privacy: the links of /mijn-gegevens are looked up and mailed by the worker (decision 030).
  const privacyHandler = createPrivacyLinkHandler(runtime) as OutboxHandler<never>;
  // In the web server it gives way while many requests wait (a sign-up spike): mail (and, with
  // Meilisearch, indexing) then trickles out and catches up afterwards (decision 035). The worker of its own process never waits.
  if (runtime.config.outboxWorker)
    services.push(
      await startOutboxService(runtime, {
        handlers: [...searchHandlers, privacyHandler],
        busy: () => requestsInFlight() >= BUSY_REQUESTS,
      }),
    );
  // Search: drop words of deleted sign-ups from the typo dictionary, daily.
  services.push(startSearchMaintenance(runtime));
  // Inbox: the daily overview for staff who chose it instead of a mail per sign-up.
  services.push(startDigestService(runtime));
  // Screening: a reminder to the coordinators before a steungezin's VOG runs out.
  services.push(startVogReminderService(runtime));
  // Rapportage: one reminder to a family that has not used its survey link after some days.
  services.push(startSurveyReminderService(runtime));
  // Public pages: hear of profile and gemeente changes other instances commit (decision 023).
  services.push(listenForPublicContentChanges({ sql: runtime.connection.sql, log: runtime.log }));
  // Rate limits (sign-ups, login): drop buckets that are full again.
  services.push(startRateLimitPruning(runtime));
  // Privacy: delete personal data past the terms /privacy states, daily (decision 027).
  services.push(startRetentionService({ ...runtime, dataDir: runtime.config.dataDir }));
  return services;
}
