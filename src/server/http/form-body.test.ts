import { describe, expect, it } from 'vitest';
import { isAppError } from '~/server/errors/errors';
import { formValuesForDisplay, readFormBody } from './form-body';

const post = (body: BodyInit | null, headers: Record<string, string>) =>
  new Request('http://localhost/x', { method: 'POST', body, headers });

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return isAppError(error) ? `${error.status} ${error.code}` : `unexpected ${String(error)}`;
  }
  return 'no error';
}

describe('readFormBody', () => {
  it('reads url-encoded forms, repeated names as lists, without control characters', async () => {
    const fields = await readFormBody(
      post('name=Anna+de+Vries%00&days=ma&days=w%1Bo&x=%00&note=a%0D%0Ab%09c', {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      }),
    );
    expect(fields).toEqual({ name: 'Anna de Vries', days: ['ma', 'wo'], x: '', note: 'a\r\nb\tc' });
  });

  it('reads multipart forms and marks files as unreadable values', async () => {
    const form = new FormData();
    form.set('name', 'Anna');
    form.set('upload', new Blob(['abc']), 'a.txt');
    const fields = await readFormBody(new Request('http://localhost/x', { method: 'POST', body: form }));
    expect(fields).toEqual({ name: 'Anna', upload: { file: true } });
    expect(formValuesForDisplay(fields)).toEqual({ name: 'Anna' });
  });

  it('refuses other content types with 415', async () => {
    expect(await codeOf(readFormBody(post('{"a":1}', { 'content-type': 'application/json' })))).toBe(
      '415 http.unsupported_media_type',
    );
    expect(await codeOf(readFormBody(post('a=1', { 'content-type': 'text/plain' })))).toBe(
      '415 http.unsupported_media_type',
    );
  });

  it('refuses big bodies with 413, declared or streamed', async () => {
    const big = 'a='.concat('x'.repeat(70 * 1024));
    expect(await codeOf(readFormBody(post(big, { 'content-type': 'application/x-www-form-urlencoded' })))).toBe(
      '413 http.payload_too_large',
    );
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const request = new Request('http://localhost/x', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      duplex: 'half',
    } as RequestInit);
    expect(await codeOf(readFormBody(request))).toBe('413 http.payload_too_large');
  });

  it('refuses malformed multipart and too many fields with 400', async () => {
    expect(
      await codeOf(readFormBody(post('--zz\r\nnonsense', { 'content-type': 'multipart/form-data; boundary=zz' }))),
    ).toBe('400 http.malformed_body');
    expect(await codeOf(readFormBody(post('a=1', { 'content-type': 'multipart/form-data' })))).toBe(
      '400 http.malformed_body',
    );
    const many = Array.from({ length: 101 }, (_, i) => `f${i}=1`).join('&');
    expect(await codeOf(readFormBody(post(many, { 'content-type': 'application/x-www-form-urlencoded' })))).toBe(
      '400 http.malformed_body',
    );
  });

  it('is not fooled by __proto__ field names', async () => {
    const fields = await readFormBody(
      post('__proto__=x&constructor=y', { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    // biome-ignore lint/suspicious/noProto: the test is that a field named __proto__ stays a plain field
    expect(fields.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
