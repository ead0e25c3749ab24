import { describe, expect, it } from 'vitest';
import { inboxError } from '~/server/inbox/inbox.errors';
import { accessError } from './access.errors';
import { actionFailure, UnknownActionError } from './staff-request';

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
