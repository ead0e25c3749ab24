/**
 * Imported first by server-entry.ts: remembers whether whoever started the process wants the
 * server to start (`node dist/server/entry.mjs` does; scripts/serve.mjs and tests that import the
 * entry may not), then keeps @astrojs/node's own module from starting a server of its own.
 */
export const autostart = process.env.ASTRO_NODE_AUTOSTART !== 'disabled';
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
