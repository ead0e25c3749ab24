import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { isAppError } from '~/server/errors/errors';
import { createTestDatabase } from '~tests/support/database';
import { createMeilisearchSearchIndex } from './search.meilisearch';
import { createPostgresSearchIndex } from './search.postgres';
import { parseInboxSearchParams } from './search.schemas';
import { type SeededTestSet, seedSearchTestSet } from './search.test-data';
import { searchInbox } from './search.usecases';

function ctxFor(
  role: 'coordinator' | 'regional' | 'backoffice',
  gemeenten: string[] | 'all',
  id: string,
): StaffContext {
  return {
    staff: { id, email: 'c@test.nl', displayName: 'C', role } as StaffContext['staff'],
    sessionId: 's',
    clientAddress: '127.0.0.1',
    gemeenten: gemeenten === 'all' ? 'all' : new Set(gemeenten),
  };
}

describe('searchInbox', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let set: SeededTestSet;
  const deps = () => ({
    db: database.db,
    clock: () => new Date(),
    search: createPostgresSearchIndex({ db: database.db }),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    set = await seedSearchTestSet(database.db);
  });

  it('searches only the gemeenten of the staff member and logs the search with the ids shown', async () => {
    const ctx = ctxFor('coordinator', ['beekdaelen'], set.staffId);
    const result = await searchInbox(deps(), ctx, parseInboxSearchParams(new URLSearchParams('q=fatima')));
    expect(result.hits.map((h) => h.gemeente)).toEqual(['beekdaelen', 'beekdaelen']);
    expect(result.gemeenteNames).toEqual({ beekdaelen: 'Beekdaelen' });
    const entry = (await createAuditRepository(database).list({ limit: 50 })).find(
      (candidate) => candidate.action === 'inbox.search',
    );
    expect(entry?.staffId).toBe(set.staffId);
    expect(entry?.detail).toMatchObject({ query: 'fatima', total: 2, shown: result.hits.map((h) => h.registrationId) });
  });

  it('asking for another gemeente in the URL finds nothing', async () => {
    const ctx = ctxFor('coordinator', ['beekdaelen'], set.staffId);
    const result = await searchInbox(
      deps(),
      ctx,
      parseInboxSearchParams(new URLSearchParams('q=fatima&gemeente=heerenveen')),
    );
    expect(result.total).toBe(0);
  });

  it('backoffice searches every gemeente; "mijn=1" means assigned to me', async () => {
    const all = await searchInbox(
      deps(),
      ctxFor('backoffice', 'all', set.staffId),
      parseInboxSearchParams(new URLSearchParams('q=fatima')),
    );
    // Haarlem's Fatma is found too: one letter off.
    expect(new Set(all.hits.map((h) => h.gemeente))).toEqual(new Set(['beekdaelen', 'heerenveen', 'haarlem']));
    const mine = await searchInbox(
      deps(),
      ctxFor('coordinator', ['beekdaelen'], set.staffId),
      parseInboxSearchParams(new URLSearchParams('mijn=1')),
    );
    expect(mine.hits.map((h) => h.registrationId)).toEqual([set.ids.janssen]);
    expect(mine.staffNames[set.staffId]).toBe('Test Coördinator');
  });

  it('answers from PostgreSQL when the search server is unreachable, and says so in the log', async () => {
    const warnings: string[] = [];
    const log = { debug() {}, info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    // A real client against a port nobody listens on.
    const unreachable = createMeilisearchSearchIndex({
      db: database.db,
      url: 'http://127.0.0.1:9',
      key: 'x',
      timeoutMs: 1000,
    });
    const result = await searchInbox(
      { ...deps(), search: unreachable, fallback: createPostgresSearchIndex({ db: database.db }), log },
      ctxFor('coordinator', ['beekdaelen'], set.staffId),
      parseInboxSearchParams(new URLSearchParams('q=fatma oirsbek')),
    );
    expect(result.hits[0]?.registrationId).toBe(set.ids.fatima);
    expect(warnings).toHaveLength(1);
  });

  it('rejects bad input with a Dutch message and a 400', () => {
    for (const query of [`q=${'a'.repeat(201)}`, 'van=2026-02-31', 'tot=gisteren', 'pagina=0', 'pagina=abc']) {
      try {
        parseInboxSearchParams(new URLSearchParams(query));
        expect.unreachable(query);
      } catch (error) {
        expect(isAppError(error)).toBe(true);
        expect((error as { status: number }).status).toBe(400);
      }
    }
    expect(parseInboxSearchParams(new URLSearchParams('soort=onzin&status=x&q=%20jan%20%20smeets'))).toMatchObject({
      q: 'jan smeets',
      kind: undefined,
      status: undefined,
      page: 1,
    });
  });
});
