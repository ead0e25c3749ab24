import { describe, expect, it } from 'vitest';
import { inboxError } from '~/server/inbox/inbox.errors';
import { accessError } from './access.errors';
import { routeStaffAction } from './staff-page';

const post = (fields: [string, string][]) =>
  new Request('http://portaal.test/inbox/1', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

describe('the staff action router', () => {
  it('sends a change that worked to ?gedaan=<intent>, or where the handler says', async () => {
    const calls: string[] = [];
    const actions = {
      note: async (form: { get(name: string): string }) => {
        calls.push(form.get('note'));
      },
      save: async () => ({ redirect: '/inbox/profielen/9?gedaan=opgeslagen' }),
    };
    expect(
      await routeStaffAction(
        post([
          ['action', 'note'],
          ['note', 'Gebeld'],
        ]),
        actions,
        '/inbox/1',
      ),
    ).toEqual({
      redirect: '/inbox/1?gedaan=note',
    });
    expect(calls).toEqual(['Gebeld']);
    expect(await routeStaffAction(post([['action', 'save']]), actions, '/x')).toEqual({
      redirect: '/inbox/profielen/9?gedaan=opgeslagen',
    });
  });

  it('shows the page again with what the handler returned, its status and message', async () => {
    const state = await routeStaffAction(
      post([
        ['action', 'publish'],
        ['reden:a', 'omdat'],
        ['reden:b', ''],
      ]),
      {
        publish: async (form) => ({
          render: form.entries().filter(([name]) => name.startsWith('reden:')),
          status: 409,
          error: 'Publiceren kan nog niet.',
        }),
      },
      '/p',
    );
    expect(state).toMatchObject({
      intent: 'publish',
      status: 409,
      result: [
        ['reden:a', 'omdat'],
        ['reden:b', ''],
      ],
      formError: { message: 'Publiceren kan nog niet.', form: 'publish' },
      problem: null,
    });
  });

  it('answers an unknown intent with 400, also one that names a property of every object', async () => {
    for (const intent of ['hack', 'toString', '__proto__', '']) {
      const state = await routeStaffAction(post([['action', intent]]), { note: async () => undefined }, '/p');
      expect(state).toMatchObject({ status: 400, formError: { message: 'Dat verzoek kennen we niet.' } });
    }
  });

  it('puts an expected error beside the form that was sent, and keeps the fields', async () => {
    const state = await routeStaffAction(
      post([
        ['action', 'status'],
        ['statusNote', 'naar het wijkteam'],
        ['gemeenten', 'a'],
        ['gemeenten', 'b'],
      ]),
      {
        status: async () => {
          throw inboxError('inbox.stale_status');
        },
      },
      '/p',
    );
    if ('redirect' in state) throw new Error('expected the page again');
    expect(state.status).toBe(409);
    expect(state.formError).toEqual({ message: expect.stringContaining('Iemand anders'), form: 'status' });
    expect(state.form?.get('statusNote')).toBe('naar het wijkteam');
    expect(state.form?.all('gemeenten')).toEqual(['a', 'b']);
    expect(state.form?.get('missing')).toBe('');
  });

  it('replaces the page when the record is gone or out of reach, and lets bugs through', async () => {
    const gone = await routeStaffAction(
      post([['action', 'note']]),
      {
        note: async () => {
          throw accessError('access.not_found');
        },
      },
      '/p',
    );
    expect(gone).toMatchObject({ problem: { status: 404 }, formError: null });
    await expect(
      routeStaffAction(
        post([['action', 'note']]),
        {
          note: async () => {
            throw new TypeError('bug');
          },
        },
        '/p',
      ),
    ).rejects.toThrow('bug');
  });
});

describe('the size of a staff form', () => {
  const big = (bytes: number, headers: Record<string, string> = {}) =>
    new Request('http://portaal.test/beheer/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: `action=note&note=${'a'.repeat(bytes)}`,
    });

  it('answers a body over the limit with 413 and a Dutch sentence, without reading it or running the handler', async () => {
    const ran: string[] = [];
    const request = big(300 * 1024, { 'content-length': String(300 * 1024 + 17) });
    const state = await routeStaffAction(request, { note: async () => void ran.push('note') }, '/x');
    expect(state).toMatchObject({ status: 413, formError: { message: expect.stringContaining('te groot') } });
    expect(ran).toEqual([]);
  });

  it('takes a larger body where the page allows it (a file for the import)', async () => {
    const state = await routeStaffAction(big(300 * 1024), { note: async () => undefined }, '/x', 11 * 1024 * 1024);
    expect(state).toEqual({ redirect: '/x?gedaan=note' });
  });

  it('stops reading a streamed body without a length at the limit (the form is then empty)', async () => {
    const chunk = new TextEncoder().encode(`action=note&note=${'a'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 10) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request('http://portaal.test/x', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit);
    const state = await routeStaffAction(request, { note: async () => undefined }, '/x');
    expect(state).toMatchObject({ status: 400, formError: { message: 'Dat verzoek kennen we niet.' } });
    expect(sent).toBeLessThan(10);
  });
});
