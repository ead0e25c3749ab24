/**
 * The parts of the Meilisearch adapter that need no server (the contract suite covers the rest
 * when MEILISEARCH_URL is set): the tenant filter is built here, from allowedGemeenten only, and
 * survives hostile filter values; documents carry every phone format.
 */
import { describe, expect, it } from 'vitest';
import { buildMeiliFilter, MEILI_SETTINGS, toMeiliDocument } from './search.meilisearch';
import type { SearchDocumentRow } from './search.table';

describe('Meilisearch adapter without a server', () => {
  it('always starts the filter with the allowed gemeenten, quoted', () => {
    const filter = buildMeiliFilter({
      text: 'x',
      allowedGemeenten: ['beekdaelen', 'heerenveen'],
      filters: { kind: 'steungezin', assignedTo: 'none' },
    });
    expect(filter).toEqual(['gemeente IN ["beekdaelen", "heerenveen"]', 'kind = "steungezin"', 'assigned = "none"']);
  });

  it('keeps hostile filter values inside their quotes', () => {
    const evil = 'beekdaelen" OR gemeente = "haarlem';
    const filter = buildMeiliFilter({
      text: '',
      allowedGemeenten: ['beekdaelen'],
      filters: { gemeente: evil, kern: 'a\\" OR 1=1' },
    });
    expect(filter[0]).toBe('gemeente IN ["beekdaelen"]');
    expect(filter[1]).toBe(`gemeente = ${JSON.stringify(evil)}`);
    expect(filter[1]).toContain('\\"');
    // Meilisearch ANDs the array's entries: whatever the other entries say, the first one holds.
    expect(filter).toHaveLength(3);
  });

  it('filters dates as epoch milliseconds and makes gemeente, status and kind filterable', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(buildMeiliFilter({ text: '', allowedGemeenten: ['a'], filters: { from } })).toContain(
      `createdAt >= ${from.getTime()}`,
    );
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining(['gemeente', 'status', 'kind', 'kern', 'assigned']),
    );
    expect(MEILI_SETTINGS.sortableAttributes).toEqual(['createdAt']);
  });

  it('stores a phone number in every form someone may type', () => {
    const row = {
      registrationId: 'id',
      gemeenteSlug: 'beekdaelen',
      kind: 'vraaggezin',
      status: 'new',
      kern: null,
      assignedStaffId: null,
      registeredAt: new Date(0),
      name: 'A',
      nameKey: 'a',
      email: null,
      phone: '+31612345678',
      phoneKey: '0612345678',
      postcode: null,
      postcodeKey: null,
      organisation: null,
      referrerName: null,
      notes: null,
      fuzzy: 'a',
      document: '',
      indexedAt: new Date(0),
    } satisfies SearchDocumentRow;
    expect(toMeiliDocument(row)).toMatchObject({
      id: 'id',
      gemeente: 'beekdaelen',
      assigned: 'none',
      phoneKeys: ['0612345678', '31612345678', '612345678'],
    });
  });
});
