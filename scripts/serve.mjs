// Starts the built portal in this process, waits until it answers, then prints where it is.
// The server starts its runtime (database, migrations, demo content) on the first request.
// Runs under tsx (scripts/start.sh) to share the data folder claim with the server.
import { getConfig } from '../src/server/config/config.ts';
import { claimDataDir, DataDirInUseError } from '../src/server/db/data-dir-lock.ts';

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
process.env.PORT = String(port);
process.env.HOST = host;
process.env.ASTRO_NODE_AUTOSTART = 'disabled'; // we start it ourselves, to see listen errors

// Claim the data folder before taking the port: a second `npm start` on the same folder says
// which portal runs there and leaves it alone (docs/decisions/010-guarded-start.md).
let config;
try {
  config = getConfig();
} catch {
  config = undefined; // a bad setting: the server names it on its first request
}
if (config && !config.databaseUrl) {
  try {
    await claimDataDir(config.dataDir, { url: config.publicUrl, purpose: 'het portaal' });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(`[buurtgezinnen] ${error.message}`);
    process.exit(1);
  }
}

const { startServer } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
const { server } = startServer();
await new Promise((resolve) => {
  server.server.once('listening', resolve);
  server.server.once('error', (error) => {
    if (error.code === 'EADDRINUSE') {
      console.error(
        `[buurtgezinnen] Poort ${port} is al in gebruik. Stop het andere programma of kies een andere poort: PORT=4322 npm start`,
      );
    } else {
      console.error(`[buurtgezinnen] De server kon niet starten: ${error.message}`);
    }
    process.exit(1);
  });
});

const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
for (let attempt = 0; ; attempt++) {
  const ok = await fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    console.log(`\n[buurtgezinnen] Het portaal draait op ${base}`);
    if (!process.env.SMTP_URL) console.log(`[buurtgezinnen] Verstuurde e-mails staan in ${base}/dev/mailbox`);
    console.log('[buurtgezinnen] Stoppen: Ctrl+C\n');
    break;
  }
  if (attempt === 60)
    console.log(
      '[buurtgezinnen] Het portaal start nog niet goed op; zie de meldingen hierboven. Het blijft het proberen.',
    );
  await new Promise((r) => setTimeout(r, 500));
}
