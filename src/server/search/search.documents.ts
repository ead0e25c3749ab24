/** Reading search documents from PostgreSQL, for external indexes (Meilisearch) and drift checks. */
import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type SearchDocumentRow, searchDocuments } from './search.table';

export async function loadSearchDocument(db: DbOrTx, registrationId: string): Promise<SearchDocumentRow | null> {
  const [row] = await db.select().from(searchDocuments).where(eq(searchDocuments.registrationId, registrationId));
  return row ?? null;
}

/** All documents in pages of `size`, in id order (keyset), so memory stays flat on a big index. */
export async function* iterateSearchDocuments(db: DbOrTx, size = 1000): AsyncGenerator<SearchDocumentRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(searchDocuments)
      .where(after ? gt(searchDocuments.registrationId, after) : undefined)
      .orderBy(asc(searchDocuments.registrationId))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.registrationId;
  }
}

export async function allSearchDocumentIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: searchDocuments.registrationId }).from(searchDocuments);
  return rows.map((r) => r.id);
}
