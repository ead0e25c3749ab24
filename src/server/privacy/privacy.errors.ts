import { defineErrors } from '~/server/errors/errors';

export const privacyError = defineErrors({
  'privacy.invalid_hold': {
    status: 400,
    message: 'Vul een datum in de toekomst in (uiterlijk over 10 jaar) en schrijf kort waarom je de gegevens bewaart.',
  },
  'privacy.not_a_referral': { status: 404, message: 'Toestemming van de ouders hoort bij een verwijzing.' },
  'privacy.invalid_consent': {
    status: 400,
    message:
      'Kies hoe de ouders het zeiden (in een gesprek of aan de telefoon) en vul de dag in (niet in de toekomst).',
  },
  'privacy.no_hold': { status: 409, message: 'Er is geen bewaarafspraak (meer) voor deze aanmelding.' },
  'privacy.erase_unconfirmed': {
    status: 400,
    message: 'Vink aan dat de persoon zelf om verwijderen vroeg en dat je alles wilt verwijderen.',
  },
  'privacy.erase_held': {
    status: 409,
    message:
      'Er is een bewaarafspraak. Vertel de persoon tot wanneer en waarom we de gegevens bewaren, of hef de afspraak eerst op.',
  },
  'privacy.erase_open_koppeling': {
    status: 409,
    message: 'Dit gezin zit in een lopende koppeling of een voorstel. Rond die eerst af of trek het voorstel in.',
  },
  'privacy.erase_concern': {
    status: 409,
    message:
      'Er is een open zorg over veiligheid. Die moet eerst worden afgesloten; vertel de persoon dat we de gegevens daarom nog bewaren.',
  },
  'privacy.invalid_referral_answer': {
    status: 400,
    message: 'Kies of je Buurtgezinnen contact laat opnemen, en zo ja hoe en wanneer. Of kies dat je het niet wilt.',
  },
  'privacy.link_gone': {
    status: 410,
    message:
      'Deze link werkt niet meer. Misschien heb je al geantwoord, of is de link verlopen. Bel of mail de coördinator als je iets wilt veranderen.',
  },
  'privacy.referral_busy': {
    status: 409,
    message: 'Het lukte net niet om je antwoord op te slaan. Probeer het over een minuut nog eens.',
  },
});
