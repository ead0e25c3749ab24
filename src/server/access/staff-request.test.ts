import { describe, expect, it } from 'vitest';
import { inboxError } from '~/server/inbox/inbox.errors';
import { accessError } from './access.errors';
import { actionFailure, safeReturnPath, UnknownActionError } from './staff-request';

describe('actionFailure: how a failed form action on a staff page shows', () => {
  it('answers an unknown action with 400 and a general Dutch message', () => {
    expect(actionFailure(new UnknownActionError('hack'), 'hack')).toEqual({
      status: 400,
      formError: { message: 'Dat verzoek kennen we niet.', form: '' },
    });
  });

  it('shows an expected error beside the form that was sent, with its status', () => {
    expect(actionFailure(inboxError('inbox.stale_status'), 'status')).toEqual({
      status: 409,
      formError: { message: expect.stringContaining('Iemand anders heeft de status'), form: 'status' },
    });
  });

  it('replaces the whole page when the record is out of reach', () => {
    const failure = actionFailure(accessError('access.not_found'), 'note');
    expect(failure).toEqual({ problem: { status: 404, message: expect.any(String) } });
  });

  it('lets unexpected errors through (a real 500, never shown as a form message)', () => {
    expect(() => actionFailure(new TypeError('bug'), 'note')).toThrow('bug');
  });
});

describe('safeReturnPath: where to go after logging in', () => {
  const site = 'https://portaal.example';

  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnPath('/inbox?status=new#lijst', site)).toBe('/inbox?status=new#lijst');
    expect(safeReturnPath('/inbox/profielen/2f6c', site)).toBe('/inbox/profielen/2f6c');
  });

  it('refuses every way out of the site, including the ones browsers clean up first', () => {
    const attempts = [
      '/\t/evil.example/x', // a browser drops the tab and goes to //evil.example
      '/\n/evil.example',
      '/\r/evil.example',
      '/ /evil.example',
      '/\u0000/evil.example',
      '/\u00a0/evil.example',
      '//evil.example/inbox',
      '/\\evil.example',
      '/\\/evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '\t//evil.example',
      ' /inbox',
      'inbox',
      '',
    ];
    for (const attempt of attempts) expect(safeReturnPath(attempt, site), JSON.stringify(attempt)).toBe('/inbox');
    expect(safeReturnPath(null, site)).toBe('/inbox');
    expect(safeReturnPath(undefined, site)).toBe('/inbox');
  });

  it('never returns anything a browser would resolve to another origin', () => {
    // Every single character after "/" that a browser might strip or reinterpret.
    for (let code = 0; code < 0x3000; code++) {
      const candidate = `/${String.fromCharCode(code)}/evil.example/x`;
      const result = safeReturnPath(candidate, site);
      expect(new URL(result, site).origin, JSON.stringify(candidate)).toBe(site);
      expect(result).not.toMatch(/^\/[\\/]/);
    }
  });
});
