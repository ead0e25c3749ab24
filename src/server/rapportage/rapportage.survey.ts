/**
 * The satisfaction survey (issue 15): at each evaluation and at the afronding both families get
 * a personal link (no login, single use, 30 days) to six questions (1 to 10) and an open answer.
 * The scores go to the anonymous ledger (fact 'survey_response'), the invitation to it too
 * ('survey_sent'), so the report shows satisfaction and the response rate without personal data.
 */
import { amsterdamDate } from '~/lib/dates';
import { createLinkToken, generateSecureRandomString, hashSecret, linkTokenHash } from '~/server/auth/tokens';
import type { Database, DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { satisfactionAspects } from '~/server/koppelingen/koppelingen.labels';
import type { Logger } from '~/server/logger';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { rapportageError } from './rapportage.errors';
import { createRapportageRepository } from './rapportage.repository';

const SURVEY_DAYS = 30;
/** One reminder when a link is still unanswered this many days after it was sent (and still valid). */
const SURVEY_REMINDER_DAYS = 10;
const REMINDER_BATCH = 200;
const SURVEY_PATH = '/enquete/';
export const OPEN_ANSWER_MAX = 2000;
const SCORE = /^(10|[1-9])$/;

type Party = 'vraaggezin' | 'steungezin';
type Moment = 'evaluation' | 'closure';

/**
 * Sends both families of a koppeling their survey link, inside the transaction of the evaluation
 * or the afronding (a family without an e-mail address gets none). Returns the links' secrets.
 */
export async function inviteFamiliesToSurvey(
  tx: DbOrTx,
  koppeling: { gemeenteSlug: string; vraaggezinId: string; steungezinId: string },
  moment: Moment,
  now: Date,
): Promise<string[]> {
  const registrations = createRegistrationsRepository({ db: tx });
  const tokens: string[] = [];
  for (const party of ['vraaggezin', 'steungezin'] as const) {
    const id = party === 'vraaggezin' ? koppeling.vraaggezinId : koppeling.steungezinId;
    const email = (await registrations.getById(id))?.contactEmail;
    if (!email) continue;
    tokens.push(
      await inviteToSurvey(tx, { gemeenteSlug: koppeling.gemeenteSlug, party, moment, email, registrationId: id, now }),
    );
  }
  return tokens;
}

async function inviteToSurvey(
  tx: DbOrTx,
  input: { gemeenteSlug: string; party: Party; moment: Moment; email: string; registrationId: string; now: Date },
): Promise<string> {
  const { token, tokenHash, expiresAt } = createLinkToken(input.now, SURVEY_DAYS);
  const repo = createRapportageRepository({ db: tx });
  const sentOn = amsterdamDate(input.now);
  await repo.insertInvitation({
    tokenHash,
    gemeenteSlug: input.gemeenteSlug,
    party: input.party,
    moment: input.moment,
    sentOn,
    expiresAt,
    remindRegistrationId: input.registrationId,
  });
  await repo.insertFact({
    gemeenteSlug: input.gemeenteSlug,
    occurredOn: sentOn,
    fact: 'survey_sent',
    kind: input.party,
    code: input.moment,
  });
  await queueEmail(tx, {
    to: input.email,
    template: 'satisfaction-survey',
    gemeente: input.gemeenteSlug,
    data: { path: `${SURVEY_PATH}${token}`, expiresAt },
  });
  return token;
}

async function openInvitation(db: DbOrTx, token: string, now: Date) {
  const tokenHash = linkTokenHash(token);
  if (!tokenHash) return null;
  const invitation = await createRapportageRepository({ db }).findInvitation(tokenHash);
  if (!invitation || invitation.answeredAt || invitation.expiresAt <= now) return null;
  return invitation;
}

/** The survey behind a link, or null when the link is unknown, used or expired. */
export async function getSurvey(deps: { db: DbOrTx; clock: () => Date }, token: string) {
  const invitation = await openInvitation(deps.db, token, deps.clock());
  if (!invitation) return null;
  const gemeente = await createGemeentenRepository({ db: deps.db }).find(invitation.gemeenteSlug);
  return { gemeenteName: gemeente?.name ?? '', party: invitation.party, moment: invitation.moment };
}

/** Stores an answer once: the scores in the ledger, the open answer with the invitation. */
export async function answerSurvey(
  deps: { db: DbOrTx; clock: () => Date },
  token: string,
  form: Record<string, string>,
) {
  const now = deps.clock();
  const scores: Record<string, number> = {};
  for (const aspect of satisfactionAspects) {
    const value = (form[`score_${aspect.value}`] ?? '').trim();
    if (value === '') continue;
    if (!SCORE.test(value)) throw rapportageError('survey.invalid_input', { field: aspect.value });
    scores[aspect.value] = Number(value);
  }
  const openAnswer = (form.open ?? '').trim().slice(0, OPEN_ANSWER_MAX) || null;
  if (Object.keys(scores).length === 0 && !openAnswer) throw rapportageError('survey.invalid_input');
  await deps.db.transaction(async (tx) => {
    const invitation = await openInvitation(tx, token, now);
    const repo = createRapportageRepository({ db: tx });
    const answered = invitation && (await repo.answerInvitation(invitation.id, now, openAnswer));
    if (!answered) throw rapportageError('survey.gone');
    await repo.insertFact({
      gemeenteSlug: answered.gemeenteSlug,
      occurredOn: amsterdamDate(now),
      fact: 'survey_response',
      kind: answered.party,
      code: answered.moment,
      data: { satisfaction: { [answered.party]: scores } },
    });
  });
}

/**
 * The one reminder per unanswered link (SURVEY_REMINDER_DAYS after sending, while it is valid):
 * a mail with a link of its own (the first keeps working), to the address the sign-up has now.
 * Each reminder commits on its own; after it, the row no longer points to the sign-up. Returns
 * how many were queued.
 */
export async function sendSurveyReminders(deps: { db: Database; clock: () => Date }): Promise<number> {
  const now = deps.clock();
  const expiresBefore = new Date(now.getTime() + (SURVEY_DAYS - SURVEY_REMINDER_DAYS) * 86_400_000);
  const due = await createRapportageRepository({ db: deps.db }).invitationsToRemind(now, expiresBefore, REMINDER_BATCH);
  let queued = 0;
  for (const invitation of due) {
    await deps.db.transaction(async (tx) => {
      const token = generateSecureRandomString(32);
      if (!(await createRapportageRepository({ db: tx }).markReminded(invitation.id, now, hashSecret(token)))) return;
      const email = invitation.registrationId
        ? (await createRegistrationsRepository({ db: tx }).getById(invitation.registrationId))?.contactEmail
        : null;
      if (!email) return;
      await queueEmail(tx, {
        to: email,
        template: 'satisfaction-survey',
        gemeente: invitation.gemeenteSlug,
        data: { path: `${SURVEY_PATH}${token}`, expiresAt: invitation.expiresAt, reminder: true },
      });
      queued += 1;
    });
  }
  return queued;
}

/** Looks for links to remind every few hours (listed in src/server/runtime/services.ts). */
export function startSurveyReminderService(
  runtime: { db: Database; clock: () => Date; log: Logger },
  intervalMs = 6 * 3600_000,
) {
  return startPeriodicService({
    name: 'survey-reminders',
    everyMs: intervalMs,
    log: runtime.log,
    failure: 'Herinneringen voor de vragenlijst mislukt',
    run: async () => {
      const queued = await sendSurveyReminders(runtime);
      return queued > 0 ? `${queued} herinnering(en) voor de vragenlijst klaargezet.` : null;
    },
  });
}
