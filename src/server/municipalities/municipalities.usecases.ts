import type { Municipality } from '~/lib/municipality.schema';
import type { DbOrTx } from '~/server/db/db';
import { createMunicipalitiesRepository } from './municipalities.repository';

/** Makes the database's gemeenten match the content files (run at every start). */
export async function syncMunicipalities({ db, catalog }: { db: DbOrTx; catalog: Municipality[] }) {
  await createMunicipalitiesRepository({ db }).upsertAll(catalog);
}
