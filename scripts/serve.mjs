// Starts the built portal in this process and waits until it answers, then prints where it is.
// The server starts its runtime (database, migrations, demo content) on the first request.
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
process.env.PORT = String(port);
process.env.HOST = host;

await import(new URL('../dist/server/entry.mjs', import.meta.url).href);

const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
for (let attempt = 0; attempt < 120; attempt++) {
  try {
    const response = await fetch(`${base}/healthz`);
    if (response.ok) {
      console.log(`\n[buurtgezinnen] Het portaal draait op ${base}`);
      if (!process.env.SMTP_URL) console.log(`[buurtgezinnen] Verstuurde e-mails staan in ${base}/dev/mailbox`);
      console.log('[buurtgezinnen] Stoppen: Ctrl+C\n');
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
// (If /healthz never answered 200, the server has logged why above; it keeps running and retries.)
