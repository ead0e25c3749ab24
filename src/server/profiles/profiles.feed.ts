/** Atom (RFC 4287) feed of a gemeente's open profiles. Every text is XML-escaped. */
import { describeChildren, type ProfileView, profilePath } from '~/lib/profile';

function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

export function profilesAtomFeed(input: {
  base: string;
  gemeente: { slug: string; name: string };
  profiles: ProfileView[];
}): string {
  const { base, gemeente, profiles } = input;
  const self = new URL(`/${gemeente.slug}/steungezin-gezocht/feed.xml`, base).href;
  const page = new URL(`/${gemeente.slug}/steungezin-gezocht`, base).href;
  const updated =
    profiles
      .map((p) => p.publishedAt)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? '2024-01-01T00:00:00.000Z';
  const entries = profiles.map((p) => {
    const url = new URL(profilePath(p), base).href;
    const summary = `${p.kern}: ${describeChildren(p.children)}. ${p.story}`;
    return [
      '  <entry>',
      `    <id>${xmlEscape(url)}</id>`,
      `    <title>${xmlEscape(p.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <link rel="enclosure" type="image/png" href="${xmlEscape(`${url}/og.png`)}"/>`,
      `    <updated>${p.publishedAt ?? updated}</updated>`,
      `    <summary>${xmlEscape(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
    `  <id>${xmlEscape(self)}</id>`,
    `  <title>${xmlEscape(`Steungezin gezocht in ${gemeente.name}`)}</title>`,
    `  <subtitle>${xmlEscape(`Gezinnen in ${gemeente.name} die een steungezin zoeken (Buurtgezinnen)`)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(page)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>Buurtgezinnen ${xmlEscape(gemeente.name)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
