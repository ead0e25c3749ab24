/**
 * The satisfaction survey (issue 15): at each evaluation and at the afronding both families get
 * a personal link (no login, single use, 30 days) to six questions (1 to 10) and an open answer.
 * The scores go to the anonymous ledger (fact 'survey_response'), the invitation to it too
 * ('survey_sent'), so the report shows satisfaction and the response rate without personal data.
 */
import { amsterdamDate } from '~/lib/dates';
import { createLinkToken, linkTokenHash } from '~/server/auth/tokens';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { satisfactionAspects } from '~/server/koppelingen/koppelingen.labels';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { rapportageError } from './rapportage.errors';
import { createRapportageRepository } from './rapportage.repository';

const SURVEY_DAYS = 30;
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
    tokens.push(await inviteToSurvey(tx, { gemeenteSlug: koppeling.gemeenteSlug, party, moment, email, now }));
  }
  return tokens;
}

async function inviteToSurvey(
  tx: DbOrTx,
  input: { gemeenteSlug: string; party: Party; moment: Moment; email: string; now: Date },
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
