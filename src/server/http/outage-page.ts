/**
 * The page a visitor sees when the portal cannot answer because the database is unreachable (503,
 * from the middleware; other errors get src/pages/500.astro). One self-contained HTML document, no
 * database, no scripts; also built as /storing.html, which nginx shows when no web instance
 * answers (deploy/nginx/buurtgezinnen.conf).
 */
import { createHash } from 'node:crypto';
import { site } from '~/lib/site';

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;color:#1f2a2e;background:#fffdf8}
main{max-width:36rem;margin:0 auto;padding:3rem 1.25rem}
h1{color:#0b5f59;font-size:1.75rem;line-height:1.2}
a{color:#0b5f59}
.muted{color:#4a5a5f;font-size:.9rem}`;

/** A strict policy that allows exactly this page's one inline style. */
export const OUTAGE_PAGE_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const title = 'Even niet bereikbaar';
const lead = 'Het portaal van Buurtgezinnen is op dit moment even niet bereikbaar. We werken eraan.';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function outagePageHtml(requestId?: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} | Buurtgezinnen</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${lead}</p>
<p>Probeer het over een paar minuten opnieuw.</p>
<p>Verstuurde je net een formulier? Zag je daarna geen bevestiging, dan is het misschien niet aangekomen. Stuur het dan later nog een keer.</p>
<p>Wil je nu met iemand praten over de opvoeding? Bel of chat met <a href="${site.oudertelefoon.url}">De Oudertelefoon</a>: gratis en anoniem.</p>
${requestId ? `<p class="muted">Foutcode voor de beheerder: ${escapeHtml(requestId)}</p>` : ''}
</main>
</body>
</html>
`;
}
