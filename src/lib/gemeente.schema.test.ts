import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeGemeenteIssues, gemeenteSchema } from './gemeente.schema';

const contentDir = path.resolve(import.meta.dirname, '../content/gemeenten');
const valid = {
  slug: 'voorbeeld',
  name: 'Voorbeeld',
  province: 'Utrecht',
  region: 'Midden',
  kernen: ['Voorbeeld-Noord', 'Dorpje'],
  status: 'active',
};

function problems(data: unknown): string {
  const parsed = gemeenteSchema.safeParse(data);
  if (parsed.success) return '';
  return describeGemeenteIssues(parsed.error);
}

describe('the gemeente content schema', () => {
  it('accepts every gemeente file in src/content/gemeenten, with a slug equal to its file name', () => {
    const files = readdirSync(contentDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const data: unknown = JSON.parse(readFileSync(path.join(contentDir, file), 'utf8'));
      expect(problems(data), file).toBe('');
      expect(gemeenteSchema.parse(data).slug, file).toBe(file.replace(/\.json$/, ''));
    }
  });

  it('accepts a minimal entry and fills in empty lists', () => {
    const parsed = gemeenteSchema.parse(valid);
    expect(parsed.partners).toEqual([]);
    expect(parsed.activities).toEqual([]);
    expect(parsed.social).toEqual({});
  });

  it('refuses a bad entry and names each field in Dutch', () => {
    const message = problems({
      ...valid,
      slug: 'Mijn Gemeente',
      kernen: [],
      status: 'actief',
      coordinator: { name: 'An', bio: 'Hoi', phone: 'bel me', email: 'geen-adres' },
      social: { facebook: 'http://facebook.com/x' },
    });
    expect(message).toContain('- slug: een slug bevat alleen kleine letters, cijfers en streepjes');
    expect(message).toContain('- kernen: noem minstens één kern, dorp of wijk');
    expect(message).toContain('- status: de status is een van: active, starting, ended');
    expect(message).toContain('- coordinator.bio: schrijf een korte tekst over de coördinator');
    expect(message).toContain('- coordinator.phone: het telefoonnummer van de coördinator klopt niet');
    expect(message).toContain('- coordinator.email: het e-mailadres van de coördinator klopt niet');
    expect(message).toContain('- social.facebook: de Facebook-pagina is een https-adres');
  });

  it('refuses a slug that is already a page of the site, and a kern listed twice', () => {
    expect(problems({ ...valid, slug: 'gemeenten' })).toContain('- slug: deze slug is al een pagina van de site');
    expect(problems({ ...valid, kernen: ['Nuth', 'nuth'] })).toContain('- kernen: een kern staat er twee keer in');
  });

  it('refuses a date that is not written as JJJJ-MM-DD', () => {
    expect(problems({ ...valid, startDate: '1-10-2023' })).toContain(
      '- startDate: een datum schrijf je als JJJJ-MM-DD',
    );
    expect(problems({ ...valid, activities: [{ title: 'Feest', date: '4 juli', description: 'Leuk' }] })).toContain(
      '- activities.0.date: een datum schrijf je als JJJJ-MM-DD',
    );
  });

  it('gives every kern of the demo gemeenten a place on the map, and checks the coordinates', () => {
    for (const file of readdirSync(contentDir).filter((f) => f.endsWith('.json'))) {
      const gemeente = gemeenteSchema.parse(JSON.parse(readFileSync(path.join(contentDir, file), 'utf8')));
      expect(Object.keys(gemeente.kernCoordinates).sort(), file).toEqual([...gemeente.kernen].sort());
    }
    expect(
      problems({ ...valid, kernCoordinates: { Elders: { lat: 52, lon: 5 }, Dorpje: { lat: 5.9, lon: 50.9 } } }),
    ).toMatch(
      /- kernCoordinates\.Dorpje\.lat: lat ligt niet in Nederland[\s\S]*- kernCoordinates\.Elders: Elders staat niet in de lijst kernen/,
    );
    expect(problems({ ...valid, neighbours: ['voorbeeld'] })).toContain(
      '- neighbours: een gemeente is niet haar eigen buur',
    );
  });
});

describe('postcodes of a gemeente (issue 12)', () => {
  it('are four digits or a rising range, and no two demo gemeenten share one', () => {
    expect(problems({ ...valid, postcodes: ['6333', '6361-6365'] })).toBe('');
    expect(problems({ ...valid, postcodes: ['633'] })).toContain('vier cijfers');
    expect(problems({ ...valid, postcodes: ['6365-6361'] })).toContain('van laag naar hoog');
    const owner = new Map<number, string>();
    for (const file of readdirSync(contentDir).filter((f) => f.endsWith('.json'))) {
      const g = gemeenteSchema.parse(JSON.parse(readFileSync(path.join(contentDir, file), 'utf8')));
      expect(g.postcodes.length, file).toBeGreaterThan(0);
      for (const range of g.postcodes) {
        const [from, to = from] = range.split('-').map(Number) as [number, number?];
        for (let n = from; n <= (to ?? from); n++) {
          expect(owner.get(n), `${n} in ${g.slug}`).toBeUndefined();
          owner.set(n, g.slug);
        }
      }
    }
  });
});
