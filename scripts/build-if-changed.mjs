// Builds the site when anything that goes into the build changed since the last build,
// so a warm `npm start` takes seconds. The fingerprint is stored in the output folder.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
const inputs = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) yield* files(path.join(p, name));
  else yield p;
}

const hash = createHash('sha1');
for (const input of inputs) for (const file of files(input)) hash.update(file).update(readFileSync(file));
// Settings that are baked into the build.
hash.update(`PUBLIC_URL=${process.env.PUBLIC_URL ?? ''}`);
const fingerprint = hash.digest('hex');
const stampFile = path.join(outDir, '.build-fingerprint');

if (
  existsSync(path.join(outDir, 'server/entry.mjs')) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === fingerprint
) {
  process.exit(0);
}
console.log('[buurtgezinnen] De bronbestanden zijn veranderd; het portaal wordt gebouwd…');
const result = spawnSync('node', ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'inherit', env: process.env });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, fingerprint);
