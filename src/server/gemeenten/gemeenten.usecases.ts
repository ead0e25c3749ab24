import type { Gemeente } from '~/lib/gemeente.schema';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from './gemeenten.repository';

/** Makes the database's gemeenten match the content files (run at every start). */
export async function syncGemeenten({ db, catalog }: { db: DbOrTx; catalog: Gemeente[] }) {
  await createGemeentenRepository({ db }).upsertAll(catalog);
}
