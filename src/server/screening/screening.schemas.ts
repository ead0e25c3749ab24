/**
 * The screening forms (intakes, VOG per adult, checklist, availability): raw form values in,
 * typed values or Dutch field errors out. `today` bounds dates that cannot lie in the future.
 */
import { addDays } from '~/lib/dates';
import { checkbox, choice, choices, isoDay, parseWith, text, wholeNumber } from '~/lib/form-fields';
import { ageGroupOptions, dayOptions, frequencyOptions, sleepoverOptions } from '~/lib/registration.options';

const notFuture = (today: string) => ({
  day: addDays(today, 1),
  message: 'Deze datum ligt in de toekomst. Vul de dag in waarop het gebeurde.',
});

export function parseIntakeForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      number: wholeNumber({ min: 1, max: 2, required: 'Kies het eerste of het tweede gesprek.' }),
      heldOn: isoDay({ required: 'Vul de datum van het gesprek in.', notAfter: notFuture(today) }),
      heldBy: text({ max: 100, required: 'Vul in wie het gesprek voerde.' }),
      notes: text({ max: 5000, multiline: true }),
    },
    () => {},
    raw,
  );
}

export function parseVogForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      adult: wholeNumber({ min: 1, max: 12, required: 'Deze VOG hoort niet bij deze aanmelding.' }),
      name: text({ max: 100 }),
      requestedOn: isoDay({ notAfter: notFuture(today) }),
      receivedOn: isoDay({ notAfter: notFuture(today) }),
      validUntil: isoDay(),
    },
    (v, add) => {
      if (v.receivedOn && !v.name) add('name', 'Vul de naam in die op de VOG staat.');
      if (v.receivedOn && v.requestedOn && v.receivedOn < v.requestedOn)
        add('receivedOn', 'De VOG kan niet binnen zijn voordat hij is aangevraagd.');
      if (v.validUntil && !v.receivedOn) add('validUntil', 'Vul eerst in wanneer de VOG binnenkwam.');
      if (v.validUntil && v.receivedOn && v.validUntil <= v.receivedOn)
        add('validUntil', 'Geldig tot ligt na de dag dat de VOG binnenkwam.');
    },
    raw,
  );
}

export function parseChecklistForm(raw: Record<string, unknown>, keys: readonly string[]) {
  return parseWith(
    {
      checked: choices(keys.map((k) => ({ value: k, label: k }))),
      signOff: checkbox(),
    },
    () => {},
    raw,
  );
}

export function parseAvailabilityForm(raw: Record<string, unknown>) {
  return parseWith(
    {
      days: choices(dayOptions, { required: 'Kies minstens één dag.' }),
      frequency: choice(frequencyOptions, { required: 'Kies hoe vaak.' }),
      sleepovers: choice(sleepoverOptions, { required: 'Kies of een kind mag logeren.' }),
      ageGroups: choices(ageGroupOptions, { required: 'Kies minstens één leeftijdsgroep.' }),
      capacity: wholeNumber({ min: 1, max: 5, required: 'Vul in hoeveel gezinnen tegelijk.' }),
      unavailableUntil: isoDay(),
    },
    () => {},
    raw,
  );
}
