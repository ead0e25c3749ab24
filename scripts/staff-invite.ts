/**
 * `npm run staff:invite -- --email <address> --name "<name>" [--role backoffice]`: creates a
 * staff account and queues its invitation mail, from the server's shell. For the first backoffice
 * account of a new installation (after that, backoffice invites colleagues at /beheer). Prints
 * the one-time link as well, for when mail is not set up yet: hand it over in person.
 * Written to the audit log as done from the command line.
 */
import { parseArgs } from 'node:util';
import { getConfigOrExit } from '~/server/config/config';
import { openConfiguredDatabase } from '~/server/db/open-database';
import { isAppError } from '~/server/errors/errors';
import { inviteBackofficeFromCommandLine } from '~/server/staff/staff.usecases';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'backoffice' } },
});
const fail = (message: string): never => {
  console.error(`[buurtgezinnen] ${message}`);
  process.exit(1);
};
if (!values.email || !values.name)
  fail('Gebruik: npm run staff:invite -- --email naam@organisatie.nl --name "Voornaam Achternaam" [--role backoffice]');
if (values.role !== 'backoffice')
  fail('Vanaf de opdrachtregel maak je alleen een backoffice-account; die nodigt daarna collega’s uit op /beheer.');

const config = getConfigOrExit();
const { connection, embedded } = await openConfiguredDatabase(config, () => {}, {
  purpose: 'npm run staff:invite',
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
try {
  const deps = { db: connection.db, clock: () => new Date(), config };
  const { invitationToken } = await inviteBackofficeFromCommandLine(deps, {
    email: values.email!,
    displayName: values.name!,
  });
  console.log(`[buurtgezinnen] Account aangemaakt; de uitnodiging staat klaar om te versturen (outbox).`);
  console.log(
    `[buurtgezinnen] Eenmalige link (7 dagen geldig, ook in de e-mail): ${config.publicUrl}/uitnodiging/${invitationToken}`,
  );
} catch (error) {
  fail(isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error));
} finally {
  await connection.close();
  await embedded?.stop();
}
