import { describe, expect, it } from 'vitest';
import { flagPlace } from './profile';

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
