import { describe, expect, it } from 'vitest';
import type { ProfileView } from '~/lib/profile';
import { profilesAtomFeed } from './profiles.feed';

const p = (over: Partial<ProfileView>): ProfileView => ({
  id: '00000000-0000-4000-8000-000000000002',
  gemeenteSlug: 'heerenveen',
  gemeenteName: 'Heerenveen',
  title: 'Een gezin zoekt een maatje',
  kern: 'Jubbega',
  children: [{ minAge: 4, maxAge: 6, gender: null }],
  supportKinds: ['weekend'],
  days: [],
  frequency: 'maandelijks',
  sleepovers: 'nee',
  story: 'Verhaal.',
  asks: 'a',
  offers: 'o',
  status: 'published',
  publishedAt: '2026-11-20T09:00:00.000Z',
  ...over,
});

describe('atom feed', () => {
  it('lists each profile with its link and image, newest date as the feed date, all text escaped', () => {
    const xml = profilesAtomFeed({
      base: 'https://buurtgezinnen.example/',
      gemeente: { slug: 'heerenveen', name: 'Heerenveen' },
      profiles: [
        p({ title: 'Taart & <b>spelletjes</b>', publishedAt: '2026-11-22T09:00:00.000Z' }),
        p({ id: '00000000-0000-4000-8000-000000000003' }),
      ],
    });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml).toContain('<title>Taart &amp; &lt;b&gt;spelletjes&lt;/b&gt;</title>');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain(
      '<link rel="alternate" type="text/html" href="https://buurtgezinnen.example/heerenveen/steungezin-gezocht/00000000-0000-4000-8000-000000000002"/>',
    );
    expect(xml).toContain(
      'href="https://buurtgezinnen.example/heerenveen/steungezin-gezocht/00000000-0000-4000-8000-000000000003/og.png"',
    );
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain('  <updated>2026-11-22T09:00:00.000Z</updated>\n  <author>');
  });
});
