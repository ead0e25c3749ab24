import { describe, expect, it } from 'vitest';
import { issueKnownDeviceToken, KNOWN_DEVICE_LIFETIME_MS, knownDeviceId } from './known-device';

const secret = 's'.repeat(40);
const now = new Date('2026-11-23T10:00:00Z');

describe('known-device tokens', () => {
  it('name the device for one account, and are renewed with the same id', () => {
    const token = issueKnownDeviceToken(secret, 'staff-a', now);
    const id = knownDeviceId(secret, 'staff-a', token, now);
    expect(id).toMatch(/^[\w-]{22}$/);
    const renewed = issueKnownDeviceToken(secret, 'staff-a', new Date(now.getTime() + 1000), id!);
    expect(knownDeviceId(secret, 'staff-a', renewed, now)).toBe(id);
  });

  it('are refused for another account, another secret, when changed or too old', () => {
    const token = issueKnownDeviceToken(secret, 'staff-a', now);
    expect(knownDeviceId(secret, 'staff-b', token, now)).toBeNull();
    expect(knownDeviceId('t'.repeat(40), 'staff-a', token, now)).toBeNull();
    const [v, id, issued, mac] = token.split('.') as [string, string, string, string];
    expect(knownDeviceId(secret, 'staff-a', [v, id, String(Number(issued) + 1), mac].join('.'), now)).toBeNull();
    expect(knownDeviceId(secret, 'staff-a', `${token}x`, now)).toBeNull();
    expect(knownDeviceId(secret, 'staff-a', token, new Date(now.getTime() + KNOWN_DEVICE_LIFETIME_MS + 1))).toBeNull();
    for (const junk of ['', 'v1', 'v1.a.b.c', null, undefined])
      expect(knownDeviceId(secret, 'staff-a', junk, now)).toBeNull();
  });
});
