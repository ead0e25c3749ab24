// Starts the built portal in this process, waits until it answers, then prints where it is.
// The entry (src/server/runtime/server-entry.ts) checks the settings and says which mode runs;
// the server starts its runtime (database, migrations, demo content) on the first request.
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';

await import(new URL('../dist/server/entry.mjs', import.meta.url).href);

const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
const base = `http://${shown}:${port}`;
for (let attempt = 0; ; attempt++) {
  const ok = await fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    console.log(`\n[buurtgezinnen] Het portaal draait op ${base}`);
    if (!process.env.SMTP_URL && process.env.NODE_ENV !== 'production')
      console.log(`[buurtgezinnen] Verstuurde e-mails staan in ${base}/dev/mailbox`);
    console.log('[buurtgezinnen] Stoppen: Ctrl+C\n');
    break;
  }
  if (attempt === 60)
    console.log(
      '[buurtgezinnen] Het portaal start nog niet goed op; zie de meldingen hierboven. Het blijft het proberen.',
    );
  await new Promise((r) => setTimeout(r, 500));
}
