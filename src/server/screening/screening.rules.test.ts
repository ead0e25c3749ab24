import { describe, expect, it } from 'vitest';
import { approvalBlockers, vogsValid } from './screening.rules';

const TODAY = '2026-11-29';
const received = (validUntil = '2029-11-01') => ({ receivedOn: '2026-11-01', validUntil });
const complete = {
  intakes: [{ number: 1 }, { number: 2 }],
  vogs: [received(), received()],
  checklistSignedOff: true,
  today: TODAY,
};

describe('approving a steungezin', () => {
  it('is possible when both intakes are held, every VOG is in and the checklist is signed off', () => {
    expect(approvalBlockers(complete)).toEqual([]);
  });

  it('is not possible without all VOGs: one adult still waiting is enough to block', () => {
    expect(approvalBlockers({ ...complete, vogs: [received(), { receivedOn: null, validUntil: null }] })).toEqual([
      'vog_missing',
    ]);
    expect(approvalBlockers({ ...complete, vogs: [] })).toEqual(['no_adults']);
  });

  it('is not possible with an expired VOG', () => {
    expect(approvalBlockers({ ...complete, vogs: [received('2026-11-28')] })).toEqual(['vog_expired']);
    expect(approvalBlockers({ ...complete, vogs: [received(TODAY)] })).toEqual([]);
  });

  it('needs both intakes and the checklist, and names everything that is missing', () => {
    expect(approvalBlockers({ ...complete, intakes: [{ number: 2 }], checklistSignedOff: false })).toEqual([
      'intake_1',
      'checklist',
    ]);
    expect(approvalBlockers({ ...complete, intakes: [] })).toEqual(['intake_1', 'intake_2']);
  });
});

describe('vogsValid', () => {
  it('needs at least one VOG, all received and none expired', () => {
    expect(vogsValid([received()], TODAY)).toBe(true);
    expect(vogsValid([], TODAY)).toBe(false);
    expect(vogsValid([received(), { receivedOn: null, validUntil: null }], TODAY)).toBe(false);
    expect(vogsValid([received('2026-01-01')], TODAY)).toBe(false);
  });
});
