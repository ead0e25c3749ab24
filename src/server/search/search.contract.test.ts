/**
 * One contract for every search adapter: PostgreSQL always, Meilisearch when MEILISEARCH_URL is
 * set (its own throw-away index per run). Every behaviour the inbox relies on is asserted here
 * against a real database and the realistic Dutch test set of search.test-data.ts.
 */

import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '~/server/config/config';
import { registrations } from '~/server/registrations/registrations.table';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration } from '~tests/support/factories';
import { createMeilisearchSearchIndex } from './search.meilisearch';
import type { HighlightPart, SearchIndex, SearchResult } from './search.port';
import { createPostgresSearchIndex } from './search.postgres';
import { type SeededTestSet, seedSearchTestSet, TEST_PEOPLE } from './search.test-data';

const meilisearch = getConfig().meilisearch;
if (!meilisearch) {
  console.info(
    '[search contract] Meilisearch-adapter overgeslagen: MEILISEARCH_URL is niet gezet (zet MEILISEARCH_URL en MEILISEARCH_KEY om die adapter ook te testen).',
  );
}

type AdapterCase = {
  name: string;
  enabled: boolean;
  make: (db: Awaited<ReturnType<typeof createTestDatabase>>['db']) => Promise<SearchIndex>;
};

const adapters: AdapterCase[] = [
  { name: 'postgres', enabled: true, make: async (db) => createPostgresSearchIndex({ db }) },
  {
    name: 'meilisearch',
    enabled: meilisearch !== undefined,
    make: async (db) =>
      createMeilisearchSearchIndex({
        db,
        url: meilisearch!.url,
        key: meilisearch!.key,
        indexName: `registrations_test_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      }),
  },
];

const text = (parts: HighlightPart[]) => parts.map((p) => p.text).join('');
const marked = (parts: HighlightPart[]) => parts.filter((p) => p.mark).map((p) => p.text);

for (const adapter of adapters) {
  describe.skipIf(!adapter.enabled)(`search contract: ${adapter.name}`, () => {
    let index: SearchIndex;
    let set: SeededTestSet;
    let db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
    const beekdaelen = ['beekdaelen'];
    const ids = () => set.ids;
    const search = (
      text: string,
      allowed: readonly string[] = beekdaelen,
      extra: Partial<Parameters<SearchIndex['search']>[0]> = {},
    ) => index.search({ text, allowedGemeenten: allowed, ...extra });
    const hitIds = (result: SearchResult) => result.hits.map((h) => h.registrationId);

    beforeAll(async () => {
      const database = await createTestDatabase();
      db = database.db;
      set = await seedSearchTestSet(db);
      index = await adapter.make(db);
      await index.reindexAll();
    });

    it('finds a first name with a typo in a misspelled village: "fatma oirsbek" -> Fatima in Oirsbeek', async () => {
      const result = await search('fatma oirsbek');
      expect(hitIds(result)[0]).toBe(ids().fatima);
      expect(marked(result.hits[0]!.name)).toContain('Fatima');
      expect(result.hits[0]!.snippets.find((s) => s.field === 'kern')?.parts).toEqual([
        { text: 'Oirsbeek', mark: true },
      ]);
    });

    it('"jansen" finds both Janssen and Jansen', async () => {
      const result = await search('jansen');
      expect(hitIds(result)).toEqual(expect.arrayContaining([ids().janssen, ids().jansen]));
    });

    it('"steungezin" finds a note that says "steungezinnen" (prefix and Dutch plural)', async () => {
      const result = await search('steungezin');
      expect(hitIds(result)).toContain(ids().janssen);
      const notes = result.hits
        .find((h) => h.registrationId === ids().janssen)!
        .snippets.find((s) => s.field === 'notes')!;
      expect(marked(notes.parts).join(' ')).toMatch(/steungezinnen/);
    });

    it.each(['06-12345678', '+31612345678', '0612345678', '06 1234 5678', '+31 6 12345678', '0031612345678'])(
      'finds a phone number typed as %s',
      async (phone) => {
        const result = await search(phone);
        expect(hitIds(result)[0]).toBe(ids().fatima);
        expect(result.hits[0]!.exact).toBe(true);
        expect(result.hits[0]!.snippets.find((s) => s.field === 'phone')?.parts[0]?.mark).toBe(true);
      },
    );

    it.each(['6438 AB', '6438ab', '6438AB'])('finds a postcode typed as %s', async (postcode) => {
      const result = await search(postcode);
      expect(hitIds(result)).toEqual([ids().fatima]);
    });

    it('puts the exact e-mail address first', async () => {
      const result = await search('jan.smeets@ziggo.nl');
      expect(hitIds(result)[0]).toBe(ids()['smeets-exact']);
      expect(result.hits[0]!.exact).toBe(true);
      expect(result.hits[0]!.snippets.find((s) => s.field === 'email')?.parts).toEqual([
        { text: 'jan.smeets@ziggo.nl', mark: true },
      ]);
    });

    it('puts the exact name first', async () => {
      const result = await search('Jan Smeets');
      expect(hitIds(result)[0]).toBe(ids()['smeets-exact']);
    });

    it('ignores accents both ways and keeps particles', async () => {
      expect(hitIds(await search('bjorn ozturk'))).toEqual([ids().bjorn]);
      expect(hitIds(await search('Öztürk'))).toEqual([ids().bjorn]);
      expect(hitIds(await search('renee'))).toEqual([ids().renee]);
      expect(hitIds(await search('van der linden'))[0]).toBe(ids().vanderlinden);
      expect(hitIds(await search('de jong'))[0]).toBe(ids().dejong);
    });

    it('finds a referral by the organisation or name of the referrer', async () => {
      expect(hitIds(await search('regenboog'))).toEqual([ids().verwijzing]);
      expect(hitIds(await search('ellen vroemen'))).toEqual([ids().verwijzing]);
      const hit = (await search('basisschool regenboog')).hits[0]!;
      expect(hit.snippets.find((s) => s.field === 'organisation')?.parts.some((p) => p.mark)).toBe(true);
    });

    it('finds villages with a typo', async () => {
      expect(hitIds(await search('schimert'))).toContain(ids().janssen);
      expect(hitIds(await search('merkelbek'))).toEqual(
        expect.arrayContaining([ids()['smeets-exact'], ids()['smeets-other']]),
      );
    });

    it('finds nothing for a name that is not there', async () => {
      expect((await search('wilhelmina zuidervaart')).total).toBe(0);
    });

    it('filters and counts facets like the inbox filters', async () => {
      const all = await search('', beekdaelen, { limit: 100 });
      const beekdaelenPeople = TEST_PEOPLE.filter((p) => p.gemeente === 'beekdaelen');
      expect(all.total).toBe(beekdaelenPeople.length);
      expect(all.facets.kind).toEqual({
        vraaggezin: beekdaelenPeople.filter((p) => p.kind === 'vraaggezin').length,
        steungezin: beekdaelenPeople.filter((p) => p.kind === 'steungezin').length,
        verwijzing: beekdaelenPeople.filter((p) => p.kind === 'verwijzing').length,
      });
      expect(all.facets.gemeente).toEqual({ beekdaelen: beekdaelenPeople.length });
      expect(all.facets.kern.Merkelbeek).toBe(2);
      expect(all.facets.status).toEqual({ new: beekdaelenPeople.length - 1, contacted: 1 });
      expect(all.facets.assigned).toEqual({ [set.staffId]: 1, none: beekdaelenPeople.length - 1 });
      // Newest first when nothing is typed.
      const times = all.hits.map((h) => h.registeredAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const steun = await search('', beekdaelen, { filters: { kind: 'steungezin' } });
      expect(steun.hits.every((h) => h.kind === 'steungezin')).toBe(true);
      expect(steun.total).toBe(beekdaelenPeople.filter((p) => p.kind === 'steungezin').length);
      expect(hitIds(await search('', beekdaelen, { filters: { status: 'contacted' } }))).toEqual([ids().renee]);
      expect(hitIds(await search('', beekdaelen, { filters: { kern: 'Schimmert' } }))).toEqual([ids().janssen]);
      expect(hitIds(await search('', beekdaelen, { filters: { assignedTo: set.staffId } }))).toEqual([ids().janssen]);
      expect((await search('', beekdaelen, { filters: { assignedTo: 'none' } })).total).toBe(
        beekdaelenPeople.length - 1,
      );
      const recent = await search('', beekdaelen, { filters: { from: new Date(Date.now() - 6 * 86_400_000) } });
      expect(recent.hits.map((h) => h.registrationId).sort()).toEqual(
        [ids().jansen, ids().bjorn, ids()['smeets-other']].sort(),
      );
      const fatimas = await search('fatima', beekdaelen, { filters: { kind: 'steungezin' } });
      expect(hitIds(fatimas)).toEqual([ids()['fatima-nuth']]);
      expect(fatimas.facets.kind).toEqual({ steungezin: 1 });
    });

    it('pages with limit and offset and reports the total', async () => {
      const first = await search('', beekdaelen, { limit: 4 });
      const second = await search('', beekdaelen, { limit: 4, offset: 4 });
      expect(first.hits).toHaveLength(4);
      expect(first.total).toBe(second.total);
      expect(new Set([...hitIds(first), ...hitIds(second)]).size).toBe(8);
    });

    it('returns highlights as plain text that rebuilds the original value', async () => {
      const signUp = await createRegistration(db, 'vraaggezin', {
        kern: 'Nuth',
        contactName: 'Jo <script>alert(1)</script> & Co',
      });
      await index.upsert(signUp.id);
      const hit = (await search('script alert')).hits[0]!;
      expect(hit.registrationId).toBe(signUp.id);
      expect(text(hit.name)).toBe('Jo <script>alert(1)</script> & Co');
      expect(marked(hit.name)).toEqual(expect.arrayContaining(['script', 'alert']));
      await db.delete(registrations).where(eq(registrations.id, signUp.id));
      await index.delete(signUp.id);
      expect((await search('script alert')).total).toBe(0);
    });

    it('finds a new sign-up after upsert and forgets it after delete', async () => {
      const row = await createRegistration(db, 'steungezin', {
        kern: 'Vaesrade',
        contactName: 'Wilma Quaedvlieg',
        contactPhone: '+31611112222',
      });
      await index.upsert(row.id);
      expect(hitIds(await search('quaedvlieg'))).toEqual([row.id]);
      expect(hitIds(await search('06 1111 2222'))).toEqual([row.id]);
      await db.delete(registrations).where(eq(registrations.id, row.id));
      await index.delete(row.id);
      expect((await search('quaedvlieg')).total).toBe(0);
    });

    describe('isolation', () => {
      it('finds nothing without allowed gemeenten, whatever the filters say', async () => {
        expect((await search('fatima', [])).total).toBe(0);
        expect((await search('', [], { filters: { gemeente: 'beekdaelen' } })).total).toBe(0);
        expect((await search('', beekdaelen, { filters: { gemeente: 'heerenveen' } })).total).toBe(0);
      });

      it('a coordinator of one gemeente sees its records only, for any query', async () => {
        const fragments = TEST_PEOPLE.flatMap((p) => [
          p.name,
          p.kern ?? '',
          p.email ?? '',
          p.phone ?? '',
          p.postcode ?? '',
          ...(p.notes ?? []),
        ])
          .flatMap((v) => [v, ...v.split(/[\s@.]+/)])
          .filter((v) => v.length > 0);
        const gemeenten = ['beekdaelen', 'heerenveen', 'haarlem', 'uithoorn'];
        const query = fc.record({
          text: fc.oneof(
            fc.constantFrom(...fragments),
            fc.string({ maxLength: 30 }),
            fc.array(fc.constantFrom(...fragments), { maxLength: 3 }).map((a) => a.join(' ')),
          ),
          mine: fc.subarray(gemeenten, { minLength: 1 }),
          gemeente: fc.option(fc.constantFrom(...gemeenten), { nil: undefined }),
          kind: fc.option(fc.constantFrom('vraaggezin' as const, 'steungezin' as const, 'verwijzing' as const), {
            nil: undefined,
          }),
        });
        await fc.assert(
          fc.asyncProperty(query, async ({ text, mine, gemeente, kind }) => {
            const result = await search(text, mine, { filters: { gemeente, kind }, limit: 100 });
            for (const hit of result.hits) {
              expect(mine).toContain(hit.gemeente);
              expect(mine).toContain(set.gemeenteOf.get(hit.registrationId) ?? 'beekdaelen');
            }
            for (const slug of Object.keys(result.facets.gemeente)) expect(mine).toContain(slug);
          }),
          { numRuns: 150 },
        );
      });
    });
  });
}
