import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PROFILES } from './profiles.demo';
import { flagsFor } from './profiles.usecases';

const gemeente = (slug: string) =>
  JSON.parse(fs.readFileSync(`src/content/gemeenten/${slug}.json`, 'utf8')) as {
    slug: string;
    name: string;
    kernen: string[];
  };

describe('demo profiles', () => {
  it.each(DEMO_PROFILES.map((p) => [p.title, p] as const))('"%s" passes the identifiability check', (_title, p) => {
    const g = gemeente(p.gemeente);
    const flags = flagsFor(
      p,
      { contactName: p.parent, details: { kind: 'vraaggezin', children: [], supportWishes: [], message: null } },
      { slug: g.slug, name: g.name, kernen: g.kernen },
    );
    expect(flags.map((f) => `${f.kind}:${f.match}`)).toEqual([]);
  });
});
