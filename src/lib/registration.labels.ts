/**
 * The question of every field of the three sign-up forms, per kind: the forms show them, the
 * error summary names them and the island (RegistrationFormEnhancer) uses them for inline errors.
 */
import type { RegistrationKind } from './registration.types';

export const REGISTRATION_LABELS: Record<RegistrationKind, Record<string, string>> = {
  vraaggezin: {
    name: 'Je naam',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    contactTime: 'Wanneer kunnen we je het best bellen?',
    kern: 'Dorp of wijk',
    postcode: 'Postcode',
    children: 'Leeftijden van de kinderen',
    supportWishes: 'Wat zou jullie helpen?',
    message: 'Wil je nog iets vertellen?',
    source: 'Hoe heb je van ons gehoord?',
    consent: 'Toestemming',
  },
  steungezin: {
    name: 'Je naam',
    adults: 'Hoeveel volwassenen wonen er bij jullie?',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    contactTime: 'Wanneer kunnen we je het best bellen?',
    kern: 'Dorp of wijk',
    postcode: 'Postcode',
    ownChildren: 'Kinderen in jullie huis',
    days: 'Welke dagen passen meestal?',
    frequency: 'Hoe vaak kun je helpen?',
    sleepovers: 'Mag een kind bij jullie logeren?',
    ageGroups: 'Bij welke leeftijden voel je je thuis?',
    motivation: 'Waarom wil je steungezin worden?',
    vog: 'Verklaring Omtrent Gedrag (VOG)',
    source: 'Hoe heb je van ons gehoord?',
    consent: 'Toestemming',
  },
  verwijzing: {
    referrerName: 'Je naam',
    organisationType: 'Soort organisatie',
    organisationName: 'Naam van je organisatie',
    referrerEmail: 'Je e-mailadres',
    referrerPhone: 'Je telefoonnummer',
    name: 'Naam van de ouder',
    phone: 'Telefoonnummer van het gezin',
    email: 'E-mailadres van het gezin',
    contactTime: 'Wanneer is de ouder het best te bellen?',
    kern: 'Dorp of wijk van het gezin',
    postcode: 'Postcode van het gezin',
    children: 'Leeftijden van de kinderen',
    reason: 'Waarom kan dit gezin steun gebruiken?',
    parentsAgree: 'Toestemming van de ouders',
    firstContact: 'Wie legt het eerste contact?',
    wantsUpdates: 'Op de hoogte blijven',
    consent: 'Toestemming',
  },
};
