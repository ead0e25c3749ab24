import { describe, expect, it } from 'vitest';
import { flagPlace, parseProfileForm } from './profile';

describe('where a flag of the identifiability check is', () => {
  it('names the field as the form shows it, not by its code name', () => {
    expect(flagPlace('story')).toBe('in “Het verhaal”');
    expect(flagPlace('title')).toBe('in “Titel”');
    expect(flagPlace('kern')).toBe('in “Dorp of wijk”');
    expect(flagPlace('asks')).toBe('in “Wat een steungezin doet”');
    expect(flagPlace('offers')).toBe('in “Wat een steungezin ervoor terugkrijgt”');
    expect(flagPlace('profiel')).toBe('in het profiel als geheel');
  });
});

describe('the profile form refuses a BSN', () => {
  const values = {
    title: 'Wie maakt woensdag een vrolijke middag?',
    kern: 'Beekdaelen',
    childAge1: '6-8',
    supportKinds: ['vaste-middag'],
    frequency: 'wekelijks',
    sleepovers: 'nee',
    story: 'Een moeder met twee kinderen woont sinds kort in de gemeente en kent nog bijna niemand in de buurt.',
    asks: 'Eén middag per week spelen.',
    offers: 'Een warm contact en steun van de coördinator.',
  };
  it('in the story, with the Dutch message', () => {
    const result = parseProfileForm({ ...values, story: `${values.story} BSN 123456782.` });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.story).toMatch(/burgerservicenummer \(BSN\)/);
  });
  it('passes the same text without it', () => {
    expect(parseProfileForm(values).ok).toBe(true);
  });
});
