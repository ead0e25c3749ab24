/**
 * The words of a koppeling: stable codes (stored) with their Dutch labels (shown), and the
 * sentences of its history. Codes are English; the effects, reasons and youth-care answers follow
 * the national effect report (docs/domain.md, "What gets measured").
 */
import type { Option } from '~/lib/registration.options';

export const koppelingPhases = ['proposed', 'agreed', 'active', 'closed', 'declined', 'cancelled'] as const;
export type KoppelingPhase = (typeof koppelingPhases)[number];
/** Phases in which the koppeling still binds both families (one of these per vraaggezin at most). */
export const OPEN_PHASES = ['proposed', 'agreed', 'active'] as const satisfies readonly KoppelingPhase[];

export const PHASE_LABELS: Record<KoppelingPhase, string> = {
  proposed: 'Voorgesteld',
  agreed: 'Klikt, start voorbereiden',
  active: 'Loopt',
  closed: 'Afgerond',
  declined: 'Niet doorgegaan',
  cancelled: 'Voorstel ingetrokken',
};

export const closureReasons = [
  { value: 'goal_reached', label: 'Doel bereikt' },
  { value: 'two_years', label: 'Twee jaar voorbij' },
  { value: 'moved', label: 'Verhuisd' },
  { value: 'stopped_vraaggezin', label: 'Gestopt door het vraaggezin' },
  { value: 'stopped_steungezin', label: 'Gestopt door het steungezin' },
  { value: 'referred', label: 'Doorverwezen naar andere hulp' },
  { value: 'other', label: 'Anders' },
] as const satisfies readonly Option[];

/** The six effects for children and the six for parents of the national effect report. */
export const childEffects = [
  { value: 'carefree', label: 'Het kind kan onbezorgd kind zijn' },
  { value: 'horizon', label: 'Het kind ziet en leert meer (een bredere blik)' },
  { value: 'social_contacts', label: 'Het kind heeft meer sociale contacten' },
  { value: 'child_confidence', label: 'Het kind heeft meer zelfvertrouwen en veerkracht' },
  { value: 'fewer_behaviour_problems', label: 'Het kind heeft minder gedragsproblemen' },
  { value: 'school_results', label: 'Het kind doet het beter op school' },
] as const satisfies readonly Option[];

export const parentEffects = [
  { value: 'rest', label: 'De ouders hebben meer rust en minder stress over de opvoeding' },
  { value: 'network', label: 'De ouders hebben een groter netwerk' },
  { value: 'parent_confidence', label: 'De ouders hebben meer zelfvertrouwen en veerkracht' },
  { value: 'future', label: 'De ouders hebben meer vertrouwen in de toekomst' },
  { value: 'repertoire', label: 'De ouders kennen meer manieren om op te voeden' },
  { value: 'activation', label: 'De ouders zijn actiever: werk, studie of zelf anderen helpen' },
] as const satisfies readonly Option[];

export const ALL_EFFECTS = [...childEffects, ...parentEffects].map((e) => e.value);

export const effectAnswers = [
  { value: 'yes', label: 'Ja' },
  { value: 'somewhat', label: 'Een beetje' },
  { value: 'no', label: 'Nee' },
  { value: 'unknown', label: 'Weet niet' },
] as const satisfies readonly Option[];

/** Jeugdhulp at the start (nulmeting): which help the family had. */
export const youthCareKinds = [
  { value: 'none', label: 'Geen jeugdhulp' },
  { value: 'wijkteam', label: 'Begeleiding door het wijkteam of jeugdteam' },
  { value: 'gezinsbegeleiding', label: 'Gezinsbegeleiding met een indicatie' },
  { value: 'kinderopvang', label: 'Kinderopvang met een indicatie' },
  { value: 'coaching', label: 'Coaching of therapie' },
  { value: 'logeeropvang', label: 'Logeeropvang' },
  { value: 'zorgboerderij', label: 'Zorgboerderij of dagbesteding' },
  { value: 'jeugdbescherming', label: 'Veilig Thuis of jeugdbescherming' },
  { value: 'other', label: 'Andere hulp' },
] as const satisfies readonly Option[];

export const youthCareIntensities = [
  { value: 'low', label: 'Af en toe, minder dan eens per maand' },
  { value: 'monthly', label: 'Een paar keer per maand' },
  { value: 'weekly', label: 'Elke week of vaker' },
] as const satisfies readonly Option[];

/** Jeugdhulp at the end (eindmeting), against the start. */
export const youthCareOutcomes = [
  { value: 'prevented', label: 'Voorkomen: zwaardere hulp was niet nodig' },
  { value: 'reduced', label: 'Verminderd' },
  { value: 'stopped', label: 'Gestopt' },
  { value: 'same', label: 'Gelijk gebleven' },
  { value: 'increased', label: 'Toegenomen' },
] as const satisfies readonly Option[];

export const continueOptions = [
  { value: 'yes', label: 'Ja, ze gaan samen verder' },
  { value: 'no', label: 'Nee' },
  { value: 'unknown', label: 'Weet ik nog niet' },
] as const satisfies readonly Option[];

export const wantsAnotherOptions = [
  { value: 'yes', label: 'Ja, graag' },
  { value: 'later', label: 'Later misschien' },
  { value: 'no', label: 'Nee' },
] as const satisfies readonly Option[];

/** Satisfaction (1 to 10) as the national survey asks it. */
export const satisfactionAspects = [
  { value: 'reachability', label: 'Bereikbaarheid' },
  { value: 'speed', label: 'Snelheid' },
  { value: 'reliability', label: 'Betrouwbaarheid' },
  { value: 'information', label: 'Uitleg en informatie' },
  { value: 'support', label: 'Ondersteuning' },
  { value: 'match_quality', label: 'Kwaliteit van de match' },
] as const satisfies readonly Option[];

export const agreementSleepovers = [
  { value: 'yes', label: 'Ja, logeren hoort erbij' },
  { value: 'later', label: 'Later misschien' },
  { value: 'no', label: 'Nee' },
] as const satisfies readonly Option[];

/** How it goes, at an evaluation: a short scale from 1 to 5. */
export const evaluationScale = [
  { value: '1', label: 'Slecht' },
  { value: '2', label: 'Niet zo goed' },
  { value: '3', label: 'Gaat wel' },
  { value: '4', label: 'Goed' },
  { value: '5', label: 'Heel goed' },
] as const satisfies readonly Option[];

export const evaluationAttendees = [
  { value: 'vraaggezin', label: 'Het vraaggezin' },
  { value: 'steungezin', label: 'Het steungezin' },
  { value: 'coordinator', label: 'De coördinator' },
  { value: 'other', label: 'Iemand anders' },
] as const satisfies readonly Option[];

export const evaluationDecisions = [
  { value: 'continue', label: 'We gaan door' },
  { value: 'stop', label: 'We stoppen: de koppeling wordt afgerond' },
] as const satisfies readonly Option[];

export const meetingOutcomes = [
  { value: 'yes', label: 'Ja, het klikt' },
  { value: 'no', label: 'Nee, het klikt niet' },
] as const satisfies readonly Option[];

export const signatureParties = ['vraaggezin', 'steungezin'] as const;
export type SignatureParty = (typeof signatureParties)[number];
export const PARTY_LABELS: Record<SignatureParty, string> = { vraaggezin: 'Vraaggezin', steungezin: 'Steungezin' };

/** The steps of the meldcode after the concern itself is written down (step 1). */
export const safetySteps = [
  { value: 'consulted', label: 'Overlegd met een collega, de aandachtsfunctionaris of Veilig Thuis (advies)' },
  { value: 'talked', label: 'Gesprek met het gezin gevoerd' },
  { value: 'weighed', label: 'Afgewogen: is er een vermoeden van onveiligheid?' },
  { value: 'decided', label: 'Besluit genomen' },
] as const satisfies readonly Option[];

export const safetyDecisions = [
  { value: 'reported', label: 'Gemeld bij Veilig Thuis' },
  { value: 'help', label: 'Niet gemeld: hulp is ingeschakeld' },
  { value: 'no_concern', label: 'Niet gemeld: de zorg is weggenomen' },
] as const satisfies readonly Option[];

/** The next thing due on a koppeling. */
export const DUE_LABELS = {
  trial: 'Evaluatie na de proefperiode',
  evaluation: 'Evaluatie',
  closure: 'Afronding',
} as const;

/**
 * The answer an afronding brought in by an import has where the coordinator's list said nothing
 * (reason, jeugdhulp, what comes next): not one of the options, so the form never offers it.
 */
export const IMPORTED_UNKNOWN = 'unknown';

export function labelOf(options: readonly Option[], value: string | null | undefined): string {
  const label = options.find((o) => o.value === value)?.label;
  if (label) return label;
  return value === IMPORTED_UNKNOWN ? 'Onbekend (geïmporteerd)' : (value ?? '');
}

/** One line of the koppeling's history, from its change code. */
export function historySentence(entry: {
  change: string;
  toPhase: string | null;
  detail: Record<string, unknown> | null;
}): string {
  const detail = entry.detail ?? {};
  switch (entry.change) {
    case 'proposed':
      return 'Steungezin voorgesteld';
    case 'meeting':
      return detail.outcome === 'yes'
        ? 'Kennismaking tussen de gezinnen: het klikt'
        : 'Kennismaking tussen de gezinnen: het klikt niet';
    case 'cancelled':
      return 'Voorstel ingetrokken';
    case 'started':
      return `Koppeling gestart op ${String(detail.startDate ?? '')}`;
    case 'imported':
      return `Overgenomen uit de lijst van de coördinator (import), gestart op ${String(detail.startDate ?? '')}${detail.lastEvaluationOn ? `, laatste evaluatie op ${String(detail.lastEvaluationOn)}` : ''}${detail.endedOn ? `, afgerond op ${String(detail.endedOn)}` : ''}`;
    case 'import_updated':
      return `Bijgewerkt uit de lijst van de coördinator (import)${detail.lastEvaluationOn ? `, laatste evaluatie op ${String(detail.lastEvaluationOn)}` : ''}${detail.endedOn ? `, afgerond op ${String(detail.endedOn)}` : ''}`;
    case 'confirmation_sent':
      return `Vraag om te bevestigen gemaild aan het ${String(detail.party ?? '')}`;
    case 'signed':
      return detail.method === 'email'
        ? `Het ${String(detail.party ?? '')} heeft de afspraken en huisregels bevestigd via de link`
        : `Het ${String(detail.party ?? '')} heeft de afspraken en huisregels op papier getekend`;
    case 'evaluation':
      return detail.decision === 'stop' ? 'Evaluatie vastgelegd: ze stoppen' : 'Evaluatie vastgelegd';
    case 'closed':
      return `Afgerond: ${labelOf(closureReasons, String(detail.reason ?? ''))}`;
    case 'concern':
      return 'Zorg over veiligheid gemeld';
    case 'concern_step':
      return `Stap bij de zorg over veiligheid: ${labelOf(safetySteps, String(detail.step ?? ''))}`;
    case 'concern_resolved':
      return 'Zorg over veiligheid afgesloten';
    default:
      return entry.change;
  }
}

/** The national huisregels, for gemeenten without their own template (src/content/gemeenten/*.json). */
export const DEFAULT_HOUSE_RULES = [
  'We spreken samen af wanneer de kinderen komen en wanneer ze weer thuis zijn. Lukt het een keer niet, dan laten we dat op tijd weten.',
  'De ouders van het vraaggezin blijven de ouders. Belangrijke keuzes over de kinderen maken zij.',
  'We vertellen elkaar wat belangrijk is voor de kinderen, zoals eten, slapen, medicijnen en allergieën.',
  'In de auto zit een kind in een goede autostoel of op een zitverhoger, en altijd met de gordel om.',
  'Wat we over elkaars gezin weten, houden we voor onszelf.',
  "We zetten geen foto's van de kinderen op internet of sociale media zonder toestemming van de ouders.",
  'We slaan niet en we schreeuwen niet. We zijn rustig en duidelijk tegen de kinderen.',
  'Maken we ons zorgen over een kind, dan bellen we de coördinator. Zij denkt mee en helpt.',
  'Willen we stoppen of iets veranderen, dan bespreken we dat eerst met elkaar en met de coördinator.',
] as const;

/** Shown after a change on the koppeling's page (the form intent is the key). */
export const KOPPELING_DONE_MESSAGES: Record<string, string> = {
  proposed: 'Het steungezin is voorgesteld. Leg de kennismaking vast zodra de gezinnen elkaar hebben gezien.',
  meeting: 'De kennismaking is vastgelegd.',
  cancel: 'Het voorstel is ingetrokken. Beide gezinnen staan weer op de lijst.',
  start: 'De koppeling is gestart. De data van de evaluaties staan hieronder.',
  'send-confirmation': 'De e-mail met de persoonlijke link staat klaar om te versturen.',
  'paper-signature': 'De handtekening op papier is vastgelegd.',
  evaluation: 'De evaluatie is vastgelegd.',
  close: 'De koppeling is afgerond. Dank voor het vastleggen van de effecten.',
  concern: 'De zorg is vastgelegd. De regiocoördinator en het landelijk bureau hebben bericht gekregen.',
};

export const CONCERN_DONE_MESSAGES: Record<string, string> = {
  concern:
    'De zorg is vastgelegd. De regiocoördinator, het landelijk bureau en de coördinatoren van de gemeente hebben een e-mail met een link gekregen.',
  step: 'De stap is vastgelegd.',
  resolve: 'De zorg is afgesloten. De melding staat niet meer op de pagina’s van het gezin.',
};
