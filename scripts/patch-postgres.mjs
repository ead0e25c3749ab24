/**
 * Patches postgres.js (npm `postgres` 3.4.9, the newest release) after every `npm install`
 * (package.json "postinstall"), until upstream ships a fix (porsager/postgres issues #1154 and
 * #1208, pull requests #1168 and #1209, all open).
 *
 * The defect: small writes wait for a setImmediate. When PostgreSQL closes a connection (stopped,
 * restarted, failed over) while a transaction holds it, postgres.js rejects the transaction and
 * the transaction then sends its ROLLBACK on that same connection, whose socket is gone. The
 * deferred write runs `socket.write` on null, a TypeError nothing can catch, and the whole web
 * instance exits: every request in flight on it loses its connection, which nginx answers with
 * 502 (issue 17's topology fault test: two 502s in the second after PostgreSQL stopped;
 * tests/integration/database-stop.http.test.ts makes it happen every time).
 *
 * The patch: a write on a closed connection rejects the queries waiting on it with
 * CONNECTION_CLOSED (a "database unavailable" error the portal answers with its Dutch 503; it
 * returns true, as a write that went out does, so the pool does not file the closed connection
 * as busy and lose the slot), and
 * closing a connection also drops a pending write and its timer, so the next connection on the
 * same slot does not start with a stale half-message.
 *
 * Idempotent. Fails the install when postgres.js changed (a new version): then check whether
 * upstream fixed it, and drop this script and its postinstall line if so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* buurtgezinnen: closed-socket guard */';

const replacements = [
  {
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    to: `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options, socket))\n      return true\n    }\n    const x = socket.write(chunk, fn)\n`,
  },
  {
    // terminate() and closed(): drop the pending write with its timer (twice in the file).
    from: '    clearImmediate(nextWriteTimer)\n',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
    count: 2,
  },
];

// The package's exports hide its package.json from require.resolve: take the folder itself.
const packageDir = path.resolve(import.meta.dirname, '../node_modules/postgres');
if (!existsSync(packageDir)) process.exit(0); // not installed (yet): nothing to patch
const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
  const target = path.join(packageDir, file);
  let text = readFileSync(target, 'utf8');
  if (text.includes(MARK)) continue;
  for (const { from, to, count = 1 } of replacements) {
    const found = text.split(from).length - 1;
    if (found !== count) {
      console.error(
        `[buurtgezinnen] postgres ${version}: ${file} is niet meer zoals scripts/patch-postgres.mjs verwacht ` +
          `(${found}× in plaats van ${count}× gevonden). Kijk of deze versie de fout zelf oplost en pas het script aan.`,
      );
      process.exit(1);
    }
    text = text.split(from).join(to);
  }
  writeFileSync(target, text);
}
