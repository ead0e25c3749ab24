/**
 * One layout for every e-mail: a template describes its content as a few blocks, and this
 * module renders them twice, as HTML (every text escaped) and as plain text. Templates never
 * write HTML themselves, so data can never inject markup.
 */
import { site } from '~/lib/site';

export type EmailBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'button'; label: string; url: string }
  | { type: 'link'; label: string; url: string; before?: string };

/**
 * Who the mail is "from" in the body: the gemeente and the person responsible for it
 * (responsibility.ts): its coordinator, or the regional coordinator standing in (with `title`).
 */
export type EmailSenderContext = {
  gemeente: { slug: string; name: string } | null;
  coordinator: { name: string; email: string; title?: string } | null;
};

export type EmailContent = {
  subject: string;
  /** Short line mail clients show after the subject. */
  preheader?: string;
  heading: string;
  blocks: EmailBlock[];
};

export type RenderedEmail = { subject: string; html: string; text: string };

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function senderLines(context: EmailSenderContext): string[] {
  const team = context.gemeente ? `Buurtgezinnen ${context.gemeente.name}` : site.office.name;
  if (context.coordinator)
    return ['Hartelijke groet,', context.coordinator.name, context.coordinator.title ?? `coördinator ${team}`];
  return ['Hartelijke groet,', team];
}

const colors = { brand: '#1f5f4a', text: '#1d2321', muted: '#4d5652', line: '#d9dfdc', background: '#f4f7f5' };

export function renderEmail(content: EmailContent, context: EmailSenderContext): RenderedEmail {
  const team = context.gemeente ? `Buurtgezinnen ${context.gemeente.name}` : site.name;
  const sender = senderLines(context);

  const htmlBlocks = content.blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
        case 'list':
          return `<ul style="margin:0 0 16px;padding-left:20px">${block.items.map((i) => `<li style="margin:0 0 4px">${escapeHtml(i)}</li>`).join('')}</ul>`;
        case 'button':
          return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${colors.brand};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(block.label)}</a></p>`;
        case 'link':
          return `<p style="margin:0 0 16px">${block.before ? `${escapeHtml(block.before)} ` : ''}<a href="${escapeHtml(block.url)}" style="color:${colors.brand}">${escapeHtml(block.label)}</a></p>`;
        default:
          return unknownBlock(block);
      }
    })
    .join('\n');

  const html = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:${colors.background};color:${colors.text};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
${content.preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>` : ''}
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-weight:bold;color:${colors.brand}">${escapeHtml(team)}</p>
<div style="background:#ffffff;border:1px solid ${colors.line};border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(content.heading)}</h1>
${htmlBlocks}
<p style="margin:24px 0 0">${sender.map(escapeHtml).join('<br>')}</p>
</div>
<p style="margin:16px 0 0;font-size:13px;color:${colors.muted}">${escapeHtml(site.name)} · ${escapeHtml(site.tagline)}</p>
</div>
</body>
</html>
`;

  const textBlocks = content.blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return block.text;
      case 'list':
        return block.items.map((i) => `- ${i}`).join('\n');
      case 'button':
        return `${block.label}:\n${block.url}`;
      case 'link':
        // "Meer weten? https://…" rather than the address twice when the label is the address.
        return `${block.before ? `${block.before} ` : ''}${block.label === block.url ? block.url : `${block.label}: ${block.url}`}`;
      default:
        return unknownBlock(block);
    }
  });
  const text = [
    team,
    '',
    content.heading,
    '',
    ...textBlocks.flatMap((b) => [b, '']),
    ...sender,
    '',
    '--',
    `${site.name} · ${site.tagline}`,
    '',
  ].join('\n');

  return { subject: content.subject, html, text };
}

/** The type checker proves every block type is handled; this only runs for a payload from an older version. */
function unknownBlock(block: never): string {
  throw new Error(`unknown e-mail block: ${JSON.stringify(block)}`);
}
