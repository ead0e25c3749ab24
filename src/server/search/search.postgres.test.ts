/**
 * PostgreSQL-specific guarantees behind the contract: the triggers keep search_documents current
 * inside the writer's transaction (no call to the search code needed), and they queue
 * 'search.index' outbox messages only when an external index is switched on.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inboxItems, inboxNotes } from '~/server/inbox/inbox.table';
import { createLogger } from '~/server/logger';
import { outboxMessages } from '~/server/outbox/outbox.table';
import { registrations } from '~/server/registrations/registrations.table';
import { createTestDatabase } from '~tests/support/database';
import { createInboxItem, createNote, createRegistration, createStaff } from '~tests/support/factories';
import { pruneSearchTerms } from './search.maintenance';
import { createSearchIndexOutboxHandler, SEARCH_INDEX_TOPIC, setExternalSearchFeed } from './search.outbox';
import { createPostgresSearchIndex } from './search.postgres';
import { searchDocuments, searchTerms } from './search.table';

describe('PostgreSQL search index kept by triggers', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let index: ReturnType<typeof createPostgresSearchIndex>;
  let staffId: string;
  const find = (text: string) => index.search({ text, allowedGemeenten: ['beekdaelen'] });

  beforeAll(async () => {
    database = await createTestDatabase();
    index = createPostgresSearchIndex({ db: database.db });
    staffId = (await createStaff(database.db)).id;
  });

  it('a sign-up is findable inside its own transaction, and gone when that rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await createRegistration(tx, 'vraaggezin', { kern: 'Nuth', contactName: 'Ilse Pelzer' });
        const [doc] = await tx.select().from(searchDocuments).where(eq(searchDocuments.name, 'Ilse Pelzer'));
        expect(doc?.kern).toBe('Nuth');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await find('pelzer')).total).toBe(0);
  });

  it('follows changes to the sign-up, its notes and its assignment', async () => {
    const row = await createRegistration(database.db, 'vraaggezin', {
      kern: 'Nuth',
      contactName: 'Ria Coenen',
      contactPhone: '+31699887766',
    });
    expect((await find('ria coenen')).hits.map((h) => h.registrationId)).toEqual([row.id]);

    await database.db
      .update(registrations)
      .set({ status: 'contacted', kern: 'Hulsberg' })
      .where(eq(registrations.id, row.id));
    const moved = await find('coenen hulsberg');
    expect(moved.hits[0]?.status).toBe('contacted');

    const note = await createNote(database.db, {
      registration: row,
      author: { id: staffId },
      body: 'Oma woont in Sittard en helpt op woensdag.',
    });
    expect((await find('sittard')).hits.map((h) => h.registrationId)).toEqual([row.id]);
    await database.db.delete(inboxNotes).where(eq(inboxNotes.id, note.id));
    expect((await find('sittard')).total).toBe(0);

    await createInboxItem(database.db, { registration: row, assignedTo: { id: staffId } });
    expect(
      (await index.search({ text: 'coenen', allowedGemeenten: ['beekdaelen'], filters: { assignedTo: staffId } }))
        .total,
    ).toBe(1);
    await database.db.update(inboxItems).set({ assignedStaffId: null }).where(eq(inboxItems.registrationId, row.id));
    expect(
      (await index.search({ text: 'coenen', allowedGemeenten: ['beekdaelen'], filters: { assignedTo: 'none' } })).total,
    ).toBe(1);

    await database.db.delete(registrations).where(eq(registrations.id, row.id));
    expect((await find('coenen')).total).toBe(0);
  });

  it('queues search.index messages only when the external feed is on, and the handler restores a document', async () => {
    const countMessages = async () =>
      (await database.db.select().from(outboxMessages).where(eq(outboxMessages.topic, SEARCH_INDEX_TOPIC))).length;
    await createRegistration(database.db, 'steungezin', { contactName: 'Geen Feed' });
    expect(await countMessages()).toBe(0);

    await setExternalSearchFeed(database.db, true);
    const row = await createRegistration(database.db, 'steungezin', { contactName: 'Wel Feed' });
    const messages = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.topic, SEARCH_INDEX_TOPIC)));
    expect(messages.map((m) => m.payload)).toEqual([{ registrationId: row.id }]);
    await setExternalSearchFeed(database.db, false);

    // The handler is idempotent: it reads the current state and rebuilds the document.
    await database.db.delete(searchDocuments).where(eq(searchDocuments.registrationId, row.id));
    expect((await find('wel feed')).total).toBe(0);
    const handler = createSearchIndexOutboxHandler(index);
    await handler.deliver({
      messageId: messages[0]!.id,
      topic: SEARCH_INDEX_TOPIC,
      payload: { registrationId: row.id },
      attempt: 1,
      createdAt: new Date(),
      log: createLogger('error'),
    });
    expect((await find('wel feed')).total).toBe(1);
    await expect(
      handler.deliver({
        messageId: 'x',
        topic: SEARCH_INDEX_TOPIC,
        payload: { registrationId: 'nope' },
        attempt: 1,
        createdAt: new Date(),
        log: createLogger('error'),
      }),
    ).rejects.toThrow(/registrationId/);
  });

  it('reindexAll rebuilds every document', async () => {
    await database.db.delete(searchDocuments);
    const { documents } = await index.reindexAll();
    const [{ n }] = (await database.sql`select count(*)::int as n from registrations`) as unknown as [{ n: number }];
    expect(documents).toBe(n);
    expect((await find('geen feed')).total).toBe(1);
  });
});

describe('typo dictionary after deletion', () => {
  it('forgets the words of a deleted sign-up (privacy) but keeps words still in use', async () => {
    const database = await createTestDatabase();
    const index = createPostgresSearchIndex({ db: database.db });
    const gone = await createRegistration(database.db, 'vraaggezin', {
      kern: 'Nuth',
      contactName: 'Xandra Zwietering',
      contactEmail: 'x.zwietering@example.nl',
    });
    await createRegistration(database.db, 'vraaggezin', { kern: 'Nuth', contactName: 'Xandra Peeters' });
    const terms = async () => (await database.db.select().from(searchTerms)).map((t) => t.term);
    expect(await terms()).toEqual(expect.arrayContaining(['xandra', 'zwietering', 'nuth']));
    expect((await index.search({ text: 'zwieterink', allowedGemeenten: ['beekdaelen'] })).total).toBe(1);

    await database.db.delete(registrations).where(eq(registrations.id, gone.id));
    expect(await pruneSearchTerms(database.db)).toBeGreaterThanOrEqual(1);
    const left = await terms();
    expect(left).not.toContain('zwietering');
    expect(left).toEqual(expect.arrayContaining(['xandra', 'nuth', 'peeters']));
  });
});
