/**
 * The shapes stored in `registrations.details` and `registrations.consents`, shared by the
 * server (storing, inbox) and the browser. Values are codes; Dutch labels live in
 * registration.options.ts. Children are described by age or birth year only, never by name.
 */
export const registrationKinds = ['vraaggezin', 'steungezin', 'verwijzing'] as const;
export type RegistrationKind = (typeof registrationKinds)[number];

/** A child as the parent or referrer described it: an age in years, or a birth year. */
export type ChildAge = { age: number } | { birthYear: number };

type VraaggezinDetails = {
  kind: 'vraaggezin';
  children: ChildAge[];
  /** Codes from supportWishOptions. */
  supportWishes: string[];
  /** Optional free text (hint: no medical details). */
  message: string | null;
};

export type SteungezinDetails = {
  kind: 'steungezin';
  adultsInHousehold: number;
  /** Ages of the children living in the household (may be empty). */
  ownChildren: ChildAge[];
  /** Codes from dayOptions. */
  days: string[];
  /** Code from frequencyOptions. */
  frequency: string;
  /** Code from sleepoverOptions. */
  sleepovers: string;
  /** Codes from ageGroupOptions. */
  ageGroups: string[];
  motivation: string;
  /** Code from vogOptions: are all adults willing to request a VOG. */
  vogWilling: string;
};

type VerwijzingDetails = {
  kind: 'verwijzing';
  referrer: {
    name: string;
    /** Code from organisationTypeOptions. */
    organisationType: string;
    organisationName: string;
    email: string;
    phone: string | null;
  };
  children: ChildAge[];
  reason: string;
  /** The referrer confirmed the parents know about and agree to this referral. */
  parentsAgree: true;
  /** Who makes the first contact: the coordinator or the parents themselves. */
  firstContact: 'coordinator' | 'ouders';
  /** The referrer wants to hear when the support starts and ends. */
  wantsUpdates: boolean;
};

export type RegistrationDetails = VraaggezinDetails | SteungezinDetails | VerwijzingDetails;

/**
 * What someone agreed to, in the words shown (or read aloud), when, and how. A consent without
 * `given` was ticked on the form by the person themselves. See docs/decisions (consent by phone).
 */
export type ConsentRecord = {
  /** Stable code, e.g. 'contact-and-store' or 'parents-agree'. */
  purpose: string;
  /** The sentence the person ticked, or the question read aloud to them, as shown. */
  text: string;
  /** ISO timestamp of the yes. */
  agreedAt: string;
  /**
   * 'mondeling': read aloud on the phone and answered yes, recorded by a staff member;
   * 'via-verwijzing': the consent a referral recorded, carried over to the family's own sign-up.
   */
  given?: 'mondeling' | 'via-verwijzing';
  /** The staff member who recorded a spoken yes or carried a consent over. */
  recordedBy?: { staffId: string; name: string };
  /** ISO; when a carried-over consent was carried over (agreedAt stays the referral's). */
  recordedAt?: string;
  /** For 'via-verwijzing': the referral whose consent this is. */
  viaRegistrationId?: string;
};
