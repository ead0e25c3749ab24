/**
 * The koppeling forms: raw form values in, typed values or Dutch field errors out. `today` (in
 * Europe/Amsterdam) bounds dates: what happened cannot lie in the future; a start can be recorded
 * afterwards (up to two years back, e.g. from a spreadsheet) or planned up to three months ahead.
 */
import { z } from 'zod';
import { addDays, addMonths } from '~/lib/dates';
import { checkbox, choice, choices, isoDay, parseWith, single, text } from '~/lib/form-fields';
import { dayOptions, frequencyOptions } from '~/lib/registration.options';
import {
  agreementSleepovers,
  childEffects,
  closureReasons,
  continueOptions,
  effectAnswers,
  evaluationAttendees,
  evaluationDecisions,
  evaluationScale,
  meetingOutcomes,
  parentEffects,
  safetyDecisions,
  safetySteps,
  satisfactionAspects,
  signatureParties,
  wantsAnotherOptions,
  youthCareIntensities,
  youthCareKinds,
  youthCareOutcomes,
} from './koppelingen.labels';

const notFuture = (today: string) => ({
  day: addDays(today, 1),
  message: 'Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde.',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidField = (required: string) =>
  text({ max: 36, required }).transform((value, ctx) => {
    if (value === null) return null;
    if (!UUID.test(value)) {
      ctx.addIssue(required);
      return null;
    }
    return value.toLowerCase();
  });

const partyOptions = signatureParties.map((p) => ({ value: p, label: p }));
const signMethods = [
  { value: 'email', label: 'e-mail' },
  { value: 'paper', label: 'papier' },
  { value: 'later', label: 'later' },
] as const;

export function parseProposalForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      steungezinId: uuidField('Kies een steungezin uit de lijst.'),
      proposedOn: isoDay({ required: 'Vul de datum van het voorstel in.', notAfter: notFuture(today) }),
    },
    () => {},
    raw,
  );
}

export function parseMeetingForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      meetingOn: isoDay({ required: 'Vul de datum van de kennismaking in.', notAfter: notFuture(today) }),
      outcome: choice(meetingOutcomes, { required: 'Kies of het klikt.' }),
      note: text({ max: 2000, multiline: true }),
    },
    (v, add) => {
      if (v.outcome === 'no' && !v.note)
        add('note', 'Schrijf kort waarom het niet klikt. Dat helpt bij het volgende voorstel.');
    },
    raw,
  );
}

export function parseCancelForm(raw: Record<string, unknown>) {
  return parseWith({ note: text({ max: 1000, multiline: true, required: 'Schrijf kort waarom.' }) }, () => {}, raw);
}

/** One huisregel per line; empty lines dropped. */
const houseRules = () =>
  text({ max: 6000, multiline: true, required: 'Schrijf de huisregels op, één per regel.' }).transform(
    (value, ctx): string[] => {
      if (value === null) return [];
      const rules = value
        .split('\n')
        .map((line) => line.replace(/^\s*[-•*\d.)]+\s*/, '').trim())
        .filter(Boolean);
      if (rules.length > 30) ctx.addIssue('Hoogstens 30 huisregels. Voeg er een paar samen.');
      if (rules.some((r) => r.length > 400)) ctx.addIssue('Een huisregel is hoogstens 400 tekens.');
      return rules;
    },
  );

export function parseStartForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      startDate: isoDay({
        required: 'Vul de startdatum in.',
        notAfter: { day: addMonths(today, 3), message: 'Een start ligt hoogstens drie maanden vooruit.' },
        notBefore: {
          day: addMonths(today, -24),
          message: 'Een koppeling die langer dan twee jaar geleden begon, is al afgerond.',
        },
      }),
      what: text({ max: 500, multiline: true, required: 'Schrijf op wat jullie gaan doen.' }),
      frequency: choice(frequencyOptions, { required: 'Kies hoe vaak.' }),
      days: choices(dayOptions),
      sleepovers: choice(agreementSleepovers, { required: 'Kies of logeren erbij hoort.' }),
      houseRules: houseRules(),
      youthCareKinds: choices(youthCareKinds, {
        required: 'Kies welke jeugdhulp het gezin nu heeft. Geen? Kies dan "Geen jeugdhulp".',
      }),
      youthCareIntensity: choice(youthCareIntensities),
      youthCareNote: text({ max: 500, freeText: true }),
      signVraaggezin: choice(signMethods, { required: 'Kies hoe het vraaggezin tekent.' }),
      signSteungezin: choice(signMethods, { required: 'Kies hoe het steungezin tekent.' }),
      paperSignedOn: isoDay({ notAfter: notFuture(today) }),
    },
    (v, add) => {
      const kinds = v.youthCareKinds ?? [];
      if (kinds.includes('none') && kinds.length > 1)
        add('youthCareKinds', 'Kies "Geen jeugdhulp" of de hulp die er is, niet allebei.');
      if (kinds.length > 0 && !kinds.includes('none') && !v.youthCareIntensity)
        add('youthCareIntensity', 'Kies hoe vaak het gezin deze hulp krijgt.');
      if ((v.signVraaggezin === 'paper' || v.signSteungezin === 'paper') && !v.paperSignedOn)
        add('paperSignedOn', 'Vul de datum in waarop op papier is getekend.');
    },
    raw,
  );
}

export function parseSignatureForm(raw: Record<string, unknown>, today: string, paper: boolean) {
  return parseWith(
    {
      party: choice(partyOptions, { required: 'Kies welk gezin.' }),
      signedOn: isoDay({
        ...(paper ? { required: 'Vul de datum in waarop is getekend.' } : {}),
        notAfter: notFuture(today),
      }),
    },
    () => {},
    raw,
  );
}

export function parseEvaluationForm(raw: Record<string, unknown>, today: string) {
  const scale = (who: string) => choice(evaluationScale, { required: `Kies hoe het gaat met ${who}.` });
  return parseWith(
    {
      heldOn: isoDay({ required: 'Vul de datum van de evaluatie in.', notAfter: notFuture(today) }),
      attendees: choices(evaluationAttendees, { required: 'Kies wie erbij waren.' }),
      childrenScore: scale('de kinderen'),
      parentsScore: scale('de ouders'),
      steungezinScore: scale('het steungezin'),
      notes: text({ max: 5000, multiline: true }),
      changedAgreements: text({ max: 2000, multiline: true }),
      decision: choice(evaluationDecisions, { required: 'Kies of jullie doorgaan.' }),
    },
    () => {},
    raw,
  );
}

const satisfactionScore = () =>
  text({ max: 2 }).transform((value, ctx): number | null => {
    if (value === null) return null;
    const n = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= 10)) {
      ctx.addIssue('Een cijfer is 1 tot en met 10.');
      return null;
    }
    return n;
  });

/** Field names of the closure form for effects and satisfaction. */
export const effectField = (code: string) => `effect_${code}`;
export const satisfactionField = (party: 'vraaggezin' | 'steungezin', aspect: string) => `sat_${party}_${aspect}`;

/**
 * The afronding form. No afronding without a reason, an answer for each of the twelve effects
 * and the jeugdhulp at the end (the rule the issue names); satisfaction is optional.
 */
export function parseClosureForm(raw: Record<string, unknown>, today: string, startDate: string) {
  const effectShape = Object.fromEntries(
    [...childEffects, ...parentEffects].map((e) => [
      effectField(e.value),
      choice(effectAnswers, { required: 'Kies een antwoord. Weet je het niet? Kies dan "Weet niet".' }),
    ]),
  );
  const satisfactionShape = Object.fromEntries(
    (['vraaggezin', 'steungezin'] as const).flatMap((party) =>
      satisfactionAspects.map((a) => [satisfactionField(party, a.value), satisfactionScore()]),
    ),
  );
  return parseWith(
    {
      closedOn: isoDay({
        required: 'Vul de datum van de afronding in.',
        notAfter: notFuture(today),
        notBefore: { day: startDate, message: 'De afronding kan niet voor de start liggen.' },
      }),
      reason: choice(closureReasons, { required: 'Kies de reden van de afronding.' }),
      reasonNote: text({ max: 1000, multiline: true }),
      continueTogether: choice(continueOptions, { required: 'Kies of de gezinnen samen verdergaan.' }),
      ...effectShape,
      youthCareFinal: choice(youthCareOutcomes, { required: 'Kies hoe het nu staat met de jeugdhulp.' }),
      youthCareNote: text({ max: 500, freeText: true }),
      wantsAnother: choice(wantsAnotherOptions, { required: 'Kies of het steungezin een nieuw gezin wil.' }),
      ...satisfactionShape,
    },
    (v, add) => {
      if ((v.reason === 'other' || v.reason === 'referred') && !v.reasonNote)
        add('reasonNote', v.reason === 'referred' ? 'Schrijf kort waarheen.' : 'Schrijf kort wat de reden is.');
    },
    raw,
  );
}

export function parseConcernForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      raisedOn: isoDay({ required: 'Vul de datum in.', notAfter: notFuture(today) }),
      summary: text({
        max: 5000,
        multiline: true,
        required: 'Schrijf op wat je zag of hoorde. Feiten, geen conclusies.',
      }),
      koppelingId: z.unknown().transform((v) => {
        const value = single(v);
        return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
      }),
    },
    (v, add) => {
      if (v.summary && v.summary.length < 10) add('summary', 'Schrijf iets meer: wat zag of hoorde je?');
    },
    raw,
  );
}

export function parseConcernStepForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      step: choice(safetySteps, { required: 'Kies welke stap je zette.' }),
      on: isoDay({ required: 'Vul de datum in.', notAfter: notFuture(today) }),
      note: text({ max: 2000, multiline: true }),
      decision: choice(safetyDecisions),
    },
    (v, add) => {
      if (v.step === 'decided' && !v.decision) add('decision', 'Kies welk besluit is genomen.');
    },
    raw,
  );
}

export function parseResolveForm(raw: Record<string, unknown>) {
  return parseWith(
    {
      note: text({ max: 2000, multiline: true, required: 'Schrijf kort hoe het nu gaat.' }),
      confirm: checkbox({ required: 'Zet een vinkje om de zorg af te sluiten.' }),
    },
    () => {},
    raw,
  );
}
