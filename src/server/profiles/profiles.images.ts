/**
 * Share images of a profile, made on our own server (no external service): satori lays out the
 * text as SVG with an open-licensed font shipped in an npm package (Nunito, SIL OFL, from
 * @fontsource/nunito), resvg turns it into PNG.
 *   og       1200x630   Open Graph / link previews (Facebook, WhatsApp, LinkedIn)
 *   vierkant 1080x1080  Instagram post
 *   verhaal  1080x1920  Instagram story
 * Rendering takes tens of milliseconds, so results are kept in a small memory cache keyed by the
 * profile's content (a changed profile gets a new image at once).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { describeChildren, type ProfileView, supportLabel } from '~/lib/profile';

export const IMAGE_FORMATS = {
  og: { width: 1200, height: 630 },
  vierkant: { width: 1080, height: 1080 },
  verhaal: { width: 1080, height: 1920 },
} as const;
export type ImageFormat = keyof typeof IMAGE_FORMATS;

function isImageFormat(value: string): value is ImageFormat {
  return Object.hasOwn(IMAGE_FORMATS, value);
}

const require_ = createRequire(import.meta.url);
let fonts: { name: string; data: Buffer; weight: 400 | 800; style: 'normal' }[] | undefined;
function loadFonts() {
  fonts ??= [
    {
      name: 'Nunito',
      data: fs.readFileSync(require_.resolve('@fontsource/nunito/files/nunito-latin-400-normal.woff')),
      weight: 400,
      style: 'normal',
    },
    {
      name: 'Nunito',
      data: fs.readFileSync(require_.resolve('@fontsource/nunito/files/nunito-latin-800-normal.woff')),
      weight: 800,
      style: 'normal',
    },
  ];
  return fonts;
}

// Satori takes React-like element objects; this keeps the layout readable without JSX here.
type Node = { type: string; props: Record<string, unknown> & { children?: unknown } };
function h(type: string, style: Record<string, unknown>, ...children: unknown[]): Node {
  return { type, props: { style, children: children.length === 1 ? children[0] : children } };
}

const BRAND = '#0b5f59';
const BRAND_DARK = '#074540';
const CREAM = '#fbf6ee';
const WARM = '#e8913a';

/** Shortens to whole words so a long title or story never overflows the image. */
function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** The children in one short sentence: with three or four children a list does not fit a picture. */
function childrenLine(children: ProfileView['children']): string {
  if (children.length <= 2) return describeChildren(children);
  const min = Math.min(...children.map((c) => c.minAge));
  const max = Math.max(...children.map((c) => c.maxAge));
  return `${children.length} kinderen tussen ${min} en ${max} jaar`;
}

function layout(p: ProfileView, format: ImageFormat): Node {
  const { width, height } = IMAGE_FORMATS[format];
  const tall = format === 'verhaal';
  const wide = format === 'og';
  const pad = wide ? 64 : tall ? 88 : 72;
  const place = p.kern === p.gemeenteName ? `Gemeente ${p.gemeenteName}` : `${p.kern} · gemeente ${p.gemeenteName}`;
  const longTitle = p.title.length > 60;
  const titleSize = wide ? (p.title.length > 50 ? 56 : 66) : tall ? 92 : longTitle ? 64 : p.title.length > 40 ? 72 : 84;
  // The square has room for a bit of the story only next to a short title (issue 12: the footer was cut off).
  const body = wide ? null : tall ? clip(p.story, 330) : longTitle ? null : clip(p.story, 150);
  const support = p.supportKinds.slice(0, longTitle && !tall ? 2 : 3).map(supportLabel);
  return h(
    'div',
    {
      width,
      height,
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: CREAM,
      fontFamily: 'Nunito',
      color: '#1f2328',
    },
    h('div', { height: wide ? 18 : 26, flexShrink: 0, backgroundColor: WARM, display: 'flex' }),
    h(
      'div',
      {
        display: 'flex',
        flexDirection: 'column',
        flexGrow: 1,
        flexShrink: 1,
        minHeight: 0,
        // A safety net only: the sizes above are chosen so the longest profile fits.
        overflow: 'hidden',
        padding: pad,
        justifyContent: tall ? 'center' : 'flex-start',
      },
      h(
        'div',
        {
          display: 'flex',
          alignSelf: 'flex-start',
          backgroundColor: BRAND,
          color: 'white',
          borderRadius: 999,
          padding: wide ? '10px 26px' : '14px 34px',
          fontSize: wide ? 28 : 36,
          fontWeight: 800,
        },
        'Steungezin gezocht',
      ),
      h(
        'div',
        { display: 'flex', marginTop: wide ? 20 : 36, fontSize: wide ? 30 : 40, color: BRAND_DARK, fontWeight: 800 },
        place,
      ),
      h(
        'div',
        {
          display: 'flex',
          marginTop: wide ? 12 : 24,
          fontSize: titleSize,
          lineHeight: 1.1,
          fontWeight: 800,
          color: BRAND_DARK,
        },
        clip(p.title, 90),
      ),
      h(
        'div',
        { display: 'flex', marginTop: wide ? 18 : 36, fontSize: wide ? 30 : 42, lineHeight: 1.3 },
        `Het gaat om ${childrenLine(p.children)}.`,
      ),
      ...(body
        ? [
            h(
              'div',
              { display: 'flex', marginTop: 28, fontSize: tall ? 40 : 34, lineHeight: 1.4, color: '#4a5058' },
              body,
            ),
          ]
        : []),
      ...(support.length && !wide
        ? [
            h(
              'div',
              { display: 'flex', flexWrap: 'wrap', marginTop: 36, gap: 16 },
              ...support.map((s) =>
                h(
                  'div',
                  {
                    display: 'flex',
                    backgroundColor: '#fdebd6',
                    color: '#6b3a06',
                    borderRadius: 16,
                    padding: '10px 22px',
                    fontSize: 32,
                    fontWeight: 800,
                  },
                  s,
                ),
              ),
            ),
          ]
        : []),
    ),
    h(
      'div',
      {
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        flexShrink: 0,
        backgroundColor: BRAND,
        color: 'white',
        padding: wide ? '22px 64px' : `36px ${pad}px`,
        fontSize: wide ? 28 : 36,
      },
      h('div', { display: 'flex', fontWeight: 800 }, `Buurtgezinnen ${p.gemeenteName}`),
      h('div', { display: 'flex' }, 'Reageer via de link'),
    ),
  );
}

/** Raise when the drawing changes (layout, font, colours): every image gets a new address. */
const DESIGN = 1;

/**
 * The content address of a profile's image (decision 023): a hash of what it shows and of the
 * design, so `og.<version>.png` never changes its bytes and may be cached long; a changed profile
 * announces a new address.
 */
export function imageVersion(profile: ProfileView, format: ImageFormat): string {
  return createHash('sha256')
    .update(JSON.stringify([DESIGN, format, profile]))
    .digest('base64url')
    .slice(0, 16)
    .replace(/[-_]/g, 'x');
}

/** `og` or `og.<version>` (the segment before .png) as format and version. */
export function parseImageName(name: string): { format: ImageFormat; version: string | null } | null {
  const [format = '', version = null, ...rest] = name.split('.');
  if (rest.length > 0 || !isImageFormat(format)) return null;
  return { format, version };
}

const rendered = new Map<string, Promise<Buffer>>();

/** The PNG for a profile in one of the three formats. */
export function renderProfileImage(profile: ProfileView, format: ImageFormat): Promise<Buffer> {
  const key = createHash('sha1')
    .update(JSON.stringify([format, profile]))
    .digest('hex');
  let png = rendered.get(key);
  if (!png) {
    png = (async () => {
      const { width, height } = IMAGE_FORMATS[format];
      const svg = await satori(layout(profile, format) as never, { width, height, fonts: loadFonts() });
      return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } })
        .render()
        .asPng();
    })();
    rendered.set(key, png);
    png.catch(() => rendered.delete(key));
    if (rendered.size > 300) rendered.delete(rendered.keys().next().value!);
  }
  return png;
}
