import { describe, expect, it } from 'vitest';
import { cleanRequestTarget, stripControlCharacters } from './control-characters';

describe('stripControlCharacters', () => {
  it('removes NUL, escape, DEL and C1 controls, keeps tabs, newlines and all real text', () => {
    expect(stripControlCharacters('Ge\u0000beld\u001b[31m\u007f\u0085\r\n\tterug')).toBe('Gebeld[31m\r\n\tterug');
    expect(stripControlCharacters('Zoë – 😊 ĳ')).toBe('Zoë – 😊 ĳ');
  });
});

describe('cleanRequestTarget', () => {
  it('leaves a normal address exactly as it came', () => {
    for (const target of ['/inbox/zoeken?q=Jan+de+Vries&pagina=2', '/inbox', '/x?q=%25', '/x?q=100%2525'])
      expect(cleanRequestTarget(target)).toBeNull();
  });

  it('removes control characters from the query, encoded or raw', () => {
    expect(cleanRequestTarget('/inbox/zoeken.json?q=%00')).toBe('/inbox/zoeken.json?q=');
    expect(cleanRequestTarget('/inbox/zoeken?q=Jan%00%1F&status=new')).toBe('/inbox/zoeken?q=Jan&status=new');
    expect(cleanRequestTarget('/x?q=%C2%85Piet%7f')).toBe('/x?q=Piet');
    expect(cleanRequestTarget('/x?%00=1')).toBe('/x?=1');
  });
});
