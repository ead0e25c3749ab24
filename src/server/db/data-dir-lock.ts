/**
 * One process owns a DATA_DIR (and so its embedded PostgreSQL) at a time: the portal, or a
 * script like `npm run db:migrate`. A second start on the same folder must not take the running
 * cluster for an orphan and stop it (issue 17); it says who owns the folder and exits.
 *
 * The claim is a Linux abstract unix socket named after the folder. The kernel allows one
 * listener per name and drops it when the process ends in any way (kill -9 included), so there
 * is no stale lock file to judge and no race between two starts. The owner answers a connection
 * with its pid and address, which is what the second start prints.
 * See docs/decisions/014-running-in-production.md.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import net from 'node:net';

export type DataDirOwner = { pid: number; url: string | undefined; purpose: string };

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner | undefined,
  ) {
    const who = owner ? `pid ${owner.pid}` : 'pid onbekend';
    super(
      owner?.url
        ? `Het portaal draait al op ${owner.url}, ${who}, met de gegevens in ${dataDir}. ` +
            `Open dat adres, of stop dat portaal eerst (Ctrl+C in zijn venster, of: kill ${owner?.pid ?? '<pid>'}).`
        : `De gegevensmap ${dataDir} is in gebruik door ${owner?.purpose ?? 'een ander proces'} (${who}). ` +
            'Wacht tot dat klaar is, of stop het eerst.',
    );
    this.name = 'DataDirInUseError';
  }
}

// Claims held by this process, shared by every copy of this module (the built server and a
// script may both load it in one process).
const registry = globalThis as { [key: symbol]: Map<string, DataDirOwner> | undefined };
const claimsKey = Symbol.for('buurtgezinnen.dataDirClaims');
registry[claimsKey] ??= new Map();
const held = registry[claimsKey];

const socketName = (dataDir: string) =>
  `\0buurtgezinnen-data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 40)}`;

/**
 * Claims `dataDir` for this process until it exits, or throws DataDirInUseError naming the owner.
 * Claiming a folder this process already holds is a no-op.
 */
export async function claimDataDir(dataDirPath: string, owner: { url?: string; purpose: string }): Promise<void> {
  mkdirSync(dataDirPath, { recursive: true });
  const dataDir = realpathSync(dataDirPath);
  if (held.has(dataDir)) return;
  // Abstract sockets are Linux only; elsewhere PostgreSQL's own postmaster.pid is the only guard.
  if (process.platform !== 'linux') return;
  const me: DataDirOwner = { pid: process.pid, url: owner.url, purpose: owner.purpose };
  for (let attempt = 0; attempt < 5; attempt++) {
    const server = net.createServer((socket) => socket.end(`${JSON.stringify(me)}\n`));
    const bound = await new Promise<boolean>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
      );
      server.listen(socketName(dataDir), () => resolve(true));
    });
    if (bound) {
      server.unref(); // the claim must not keep the process alive
      held.set(dataDir, me);
      return;
    }
    const other = await askOwner(dataDir);
    if (other !== 'gone') throw new DataDirInUseError(dataDir, other);
    // The owner ended between our bind and our question: try to claim again.
  }
  throw new DataDirInUseError(dataDir, undefined);
}

/** Who holds `dataDir` (undefined: someone that does not answer), or 'gone'. */
function askOwner(dataDir: string): Promise<DataDirOwner | undefined | 'gone'> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(socketName(dataDir));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as DataDirOwner);
      } catch {
        resolve(undefined);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'gone' : undefined),
    );
  });
}
