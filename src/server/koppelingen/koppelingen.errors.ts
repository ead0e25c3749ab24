import { defineErrors } from '~/server/errors/errors';

export const koppelingError = defineErrors({
  'koppeling.invalid_input': { status: 400, message: 'Niet alle gegevens kloppen. Kijk de velden na.' },
  'koppeling.not_vraaggezin': { status: 400, message: 'Een steungezin zoek je voor een vraaggezin.' },
  'koppeling.family_has_open': {
    status: 409,
    message: 'Dit gezin heeft al een voorstel of een lopende koppeling. Rond die eerst af.',
  },
  'koppeling.steungezin_unavailable': {
    status: 409,
    message: 'Dit steungezin kan nu niet worden voorgesteld. Kies een steungezin uit de lijst op deze pagina.',
  },
  'koppeling.steungezin_full': {
    status: 409,
    message: 'Dit steungezin helpt al zoveel gezinnen als het aankan.',
  },
  'koppeling.vog_invalid': {
    status: 409,
    message: 'Niet iedere VOG van dit steungezin is binnen en geldig. Regel dat eerst.',
  },
  'koppeling.wrong_phase': {
    status: 409,
    message:
      'Deze stap past niet (meer) bij deze koppeling. Iemand anders was je misschien voor. Bekijk de pagina opnieuw.',
  },
  'koppeling.closure_incomplete': {
    status: 400,
    message: 'Afronden kan pas met een reden, alle effecten en de jeugdhulp aan het eind. Kijk de velden na.',
  },
  'koppeling.no_email': {
    status: 409,
    message: 'Van dit gezin hebben we geen e-mailadres. Laat de afspraken op papier tekenen.',
  },
  'koppeling.already_signed': { status: 409, message: 'Dit gezin heeft de afspraken al bevestigd.' },
  'koppeling.link_invalid': {
    status: 404,
    message:
      'Deze link werkt niet (meer). Hij is al gebruikt, verlopen of vervangen door een nieuwe. Vraag de coördinator om een nieuwe link.',
  },
  'koppeling.concern_not_decided': {
    status: 409,
    message: 'Leg eerst het besluit vast (stap 5 van de meldcode). Daarna kun je de zorg afsluiten.',
  },
});
