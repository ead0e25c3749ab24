/**
 * The Dutch sentences of "who contacts you, and when". Every page and mail that makes this promise
 * takes its sentence from here, built from the stored FirstContactPromise (responsibility.ts).
 */
import { listNl } from '~/lib/format';
import type { FirstContactPromise, ResponsibleLevel } from './responsibility';

const orList = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} of ${names.at(-1)}`;

/** Who, as the subject of "neemt ... contact op", with the explanation a stand-in needs in front. */
function whoTakesContact(promise: FirstContactPromise): { before: string; who: string } {
  const team = `Buurtgezinnen ${promise.gemeenteName}`;
  const noCoordinator = `${team} heeft nog geen eigen coördinator. Daarom neemt`;
  switch (promise.level) {
    case 'coordinator':
      return {
        before: '',
        who:
          promise.names.length === 0
            ? `Een coördinator van ${team}`
            : promise.names.length > 1
              ? `${orList(promise.names)}, de coördinatoren van ${team},`
              : `${promise.names[0]}, de coördinator van ${team},`,
      };
    case 'regional':
      return {
        before: noCoordinator,
        who:
          promise.names.length === 0
            ? `een regiocoördinator in ${promise.region}`
            : `${orList(promise.names)}, ${promise.names.length > 1 ? 'regiocoördinatoren' : 'regiocoördinator'} in ${promise.region},`,
      };
    case 'backoffice':
      return { before: noCoordinator, who: 'het landelijk bureau van Buurtgezinnen' };
  }
}

const term = (promise: FirstContactPromise) =>
  `binnen ${promise.workingDays} werkdag${promise.workingDays === 1 ? '' : 'en'}`;

/**
 * "Maud Hendriks, de coördinator van Buurtgezinnen Beekdaelen, neemt binnen 10 werkdagen contact
 * met je op." For a referral (`referrer`), the professional is told contact goes to them or the
 * family, as they chose on the form.
 */
export function firstContactSentence(promise: FirstContactPromise, audience: 'family' | 'referrer'): string {
  const { before, who } = whoTakesContact(promise);
  const contact =
    audience === 'family' ? 'contact met je op.' : 'contact op, met jou of met het gezin, zoals je hebt aangegeven.';
  if (before) return `${before} ${who} ${term(promise)} ${contact}`;
  return `${who} neemt ${term(promise)} ${contact}`;
}

export const RESPONSIBLE_LEVEL_LABELS: Record<ResponsibleLevel, string> = {
  coordinator: 'coördinator',
  regional: 'regiocoördinator (de gemeente heeft geen coördinator)',
  backoffice: 'landelijk bureau (geen coördinator in gemeente of regio)',
};

/** For staff: who was named to the family. "Maud Hendriks en Anouk Peeters" or "het landelijk bureau". */
export function promisedBy(promise: FirstContactPromise): string {
  if (promise.level === 'backoffice') return 'het landelijk bureau';
  if (promise.names.length === 0) return promise.level === 'regional' ? 'een regiocoördinator' : 'een coördinator';
  return listNl(promise.names);
}

/** Who comes to the kennismaking: "Maud Hendriks", "Rik Regio" or "iemand van het landelijk bureau". */
export function whoVisits(promise: FirstContactPromise): string {
  if (promise.level === 'backoffice' || promise.names.length === 0) return 'iemand van Buurtgezinnen';
  return orList(promise.names);
}
