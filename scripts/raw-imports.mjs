// Lets scripts run with tsx import files the way Vite does for the built server and vitest:
// `import text from './file.txt?raw'` gives the file's text (src/server/auth/password-policy.ts
// uses it). Use: node --import tsx --import ./scripts/raw-imports.mjs scripts/x.ts
import { register } from 'node:module';

const hooks = `
import { readFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw')) return next(specifier, context);
  const file = new URL(specifier.slice(0, -4), context.parentURL);
  return { url: file.href + '?raw', shortCircuit: true };
}
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const text = readFileSync(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
