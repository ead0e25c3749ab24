import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
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
    const b = await renderProfileImage({ ...profile, title: `${profile.title} (nieuw)` }, 'og');
    expect(a.equals(b)).toBe(false);
  }, 30_000);
});

/** RGBA pixels of a PNG, decoded by resvg (it draws the PNG as an image in an SVG). */
function pixelsOf(png: Buffer, width: number, height: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

/** How many rows at the bottom are the brand-green footer band (most of the row brand green or white text). */
function footerBandHeight(pixels: Buffer, width: number, height: number) {
  const isBrand = (i: number) =>
    Math.abs(pixels[i]! - 0x0b) < 12 && Math.abs(pixels[i + 1]! - 0x5f) < 12 && Math.abs(pixels[i + 2]! - 0x59) < 12;
  let rows = 0;
  for (let y = height - 1; y >= 0; y--) {
    let brand = 0;
    for (let x = 0; x < width; x += 4) if (isBrand((y * width + x) * 4)) brand++;
    if (brand < (width / 4) * 0.5) break;
    rows++;
  }
  return rows;
}

describe('the longest profile a coordinator can write (issue 12)', () => {
  const longest: ProfileView = {
    ...profile,
    // 90 characters: the most the form allows.
    title: 'Wie wil er op woensdagmiddag samen met twee broertjes knutselen, koken en buiten spelen???',
    kern: 'Haarlem-Zuid-West',
    gemeenteName: 'Beekdaelen',
    children: [
      { minAge: 0, maxAge: 2, gender: 'meisje' },
      { minAge: 4, maxAge: 6, gender: 'jongen' },
      { minAge: 9, maxAge: 11, gender: 'jongen' },
      { minAge: 14, maxAge: 16, gender: 'meisje' },
    ],
    supportKinds: ['vaste-middag', 'logeren', 'weekend', 'meegaan', 'luisterend-oor'],
    story: `${profile.story} `.repeat(6).slice(0, 1500),
  };

  it('has the longest title the form allows', () => {
    expect(longest.title).toHaveLength(90);
  });

  it.each([
    ['og', 22, 28],
    ['vierkant', 36, 36],
    ['verhaal', 36, 36],
  ] as const)(
    '%s keeps its whole footer with the gemeente name in the picture',
    async (format, padding, fontSize) => {
      const { width, height } = IMAGE_FORMATS[format];
      const png = await renderProfileImage(longest, format);
      fs.writeFileSync(`/tmp/profile-longest-${format}.png`, png);
      const band = footerBandHeight(pixelsOf(png, width, height), width, height);
      expect(band).toBeGreaterThanOrEqual(Math.round(2 * padding + fontSize * 1.2));
      // And not a page of green: the band is the footer, not content pushed over the picture.
      expect(band).toBeLessThan(height / 4);
    },
    30_000,
  );
});
