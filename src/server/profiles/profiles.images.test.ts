import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProfileView } from '~/lib/profile';
import { IMAGE_FORMATS, type ImageFormat, renderProfileImage } from './profiles.images';

const profile: ProfileView = {
  id: '00000000-0000-4000-8000-000000000001',
  gemeenteSlug: 'beekdaelen',
  gemeenteName: 'Beekdaelen',
  title: 'Wie maakt de woensdagmiddag een feestje voor een meisje van de basisschool?',
  kern: 'Oirsbeek',
  children: [
    { minAge: 6, maxAge: 8, gender: 'meisje' },
    { minAge: 1, maxAge: 3, gender: null },
  ],
  supportKinds: ['vaste-middag', 'logeren'],
  days: ['wo'],
  frequency: 'wekelijks',
  sleepovers: 'ja',
  story:
    'Een moeder met twee kinderen is net verhuisd en kent nog bijna niemand in het dorp. Ze doet alles alleen. De oudste is nieuwsgierig, kletst graag en wil alles weten over dieren. Een vaste middag bij een gezin met een tuin zou haar wereld groter maken, en moeder even lucht geven. Zoë en ëën: accenten moeten kloppen.',
  asks: 'Eén middag per week.',
  offers: 'Een warm contact.',
  status: 'published',
  publishedAt: '2026-11-20T10:00:00.000Z',
};

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('share images', () => {
  it.each(Object.keys(IMAGE_FORMATS) as ImageFormat[])(
    'renders %s as a PNG of the right size',
    async (format) => {
      const png = await renderProfileImage(profile, format);
      expect(pngSize(png)).toEqual(IMAGE_FORMATS[format]);
      // A real picture, not an empty canvas: text and colour make it tens of kilobytes.
      expect(png.length).toBeGreaterThan(15_000);
      expect(png.subarray(-8, -4).toString('ascii')).toBe('IEND');
      if (format === 'og') fs.writeFileSync('/tmp/profile-og.png', png);
      if (format === 'verhaal') fs.writeFileSync('/tmp/profile-story.png', png);
    },
    30_000,
  );

  it('makes a new image when the profile changes', async () => {
    const a = await renderProfileImage(profile, 'og');
    const b = await renderProfileImage({ ...profile, status: 'matched' }, 'og');
    expect(a.equals(b)).toBe(false);
  }, 30_000);
});
