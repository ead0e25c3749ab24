import { describe, expect, it } from 'vitest';
import { closureDeadline, dueState, nextDue, plannedDates, todayFor } from './koppelingen.schedule';

const continueOn = (heldOn: string) => ({ heldOn, decision: 'continue' });

describe('nextDue', () => {
  it('asks for the trial-period evaluation two months after the start', () => {
    expect(nextDue({ startDate: '2026-03-10', evaluations: [] })).toEqual({
      kind: 'evaluation',
      sequence: 1,
      trial: true,
      dueOn: '2026-05-10',
    });
  });

  it('then every six months after the last evaluation held, also when that one was late', () => {
    expect(nextDue({ startDate: '2026-03-10', evaluations: [continueOn('2026-05-12')] })).toEqual({
      kind: 'evaluation',
      sequence: 2,
      trial: false,
      dueOn: '2026-11-12',
    });
    // Held a month late: the next one counts from the day it was held, not from the plan.
    expect(nextDue({ startDate: '2026-03-10', evaluations: [continueOn('2026-06-20')] }).dueOn).toBe('2026-12-20');
    // The order the evaluations come in does not matter.
    expect(
      nextDue({ startDate: '2026-03-10', evaluations: [continueOn('2026-11-12'), continueOn('2026-05-12')] }),
    ).toMatchObject({ sequence: 3, dueOn: '2027-05-12' });
  });

  it('ends with afronding two years after the start, never an evaluation after it', () => {
    const evaluations = ['2024-03-01', '2024-09-01', '2025-03-01', '2025-09-01'].map(continueOn);
    expect(nextDue({ startDate: '2024-01-01', evaluations })).toEqual({ kind: 'closure', dueOn: '2026-01-01' });
    // An evaluation that would land exactly on the deadline is the afronding itself.
    expect(nextDue({ startDate: '2024-01-01', evaluations: [continueOn('2025-07-01')] })).toEqual({
      kind: 'closure',
      dueOn: '2026-01-01',
    });
    expect(closureDeadline('2023-10-02')).toBe('2025-10-02');
  });

  it('asks for afronding at once when an evaluation decided to stop', () => {
    expect(nextDue({ startDate: '2026-01-05', evaluations: [{ heldOn: '2026-03-09', decision: 'stop' }] })).toEqual({
      kind: 'closure',
      dueOn: '2026-03-09',
    });
  });

  it('handles month ends: a start on 31 December has its trial evaluation on the last day of February', () => {
    expect(nextDue({ startDate: '2026-12-31', evaluations: [] }).dueOn).toBe('2027-02-28');
    expect(nextDue({ startDate: '2027-12-31', evaluations: [] }).dueOn).toBe('2028-02-29');
    expect(nextDue({ startDate: '2026-06-30', evaluations: [continueOn('2026-08-31')] }).dueOn).toBe('2027-02-28');
    expect(closureDeadline('2024-02-29')).toBe('2026-02-28');
  });

  it('plans the whole rhythm from the start: trial, every six months, afronding', () => {
    expect(plannedDates('2026-01-31')).toEqual({
      trial: '2026-03-31',
      every6Months: ['2026-09-30', '2027-03-31', '2027-09-30'],
      closure: '2028-01-31',
    });
  });
});

describe('dueState with an injected clock (Europe/Amsterdam)', () => {
  it('is overdue the day after the due date, due within 14 days, later before that', () => {
    expect(dueState('2026-05-10', '2026-05-11')).toBe('overdue');
    expect(dueState('2026-05-10', '2026-05-10')).toBe('due');
    expect(dueState('2026-05-10', '2026-04-26')).toBe('due');
    expect(dueState('2026-05-10', '2026-04-25')).toBe('later');
  });

  it('turns overdue at Dutch midnight, not at UTC midnight, across the March clock change', () => {
    const due = '2026-03-28';
    // 23:30 UTC on 28 March is already 00:30 on 29 March in Amsterdam (CET).
    expect(
      dueState(
        due,
        todayFor(() => new Date('2026-03-28T22:30:00Z')),
      ),
    ).toBe('due');
    expect(
      dueState(
        due,
        todayFor(() => new Date('2026-03-28T23:30:00Z')),
      ),
    ).toBe('overdue');
    // On the day of the change (CEST from 02:00) midnight is 22:00 UTC.
    expect(
      dueState(
        '2026-03-29',
        todayFor(() => new Date('2026-03-29T21:30:00Z')),
      ),
    ).toBe('due');
    expect(
      dueState(
        '2026-03-29',
        todayFor(() => new Date('2026-03-29T22:30:00Z')),
      ),
    ).toBe('overdue');
  });

  it('turns overdue at Dutch midnight across the October clock change', () => {
    // 22:30 UTC on 24 October is 00:30 on 25 October (still CEST).
    expect(
      dueState(
        '2026-10-24',
        todayFor(() => new Date('2026-10-24T21:30:00Z')),
      ),
    ).toBe('due');
    expect(
      dueState(
        '2026-10-24',
        todayFor(() => new Date('2026-10-24T22:30:00Z')),
      ),
    ).toBe('overdue');
    // After the change (CET) 22:30 UTC on 25 October is still the 25th.
    expect(
      dueState(
        '2026-10-25',
        todayFor(() => new Date('2026-10-25T22:30:00Z')),
      ),
    ).toBe('due');
    expect(
      dueState(
        '2026-10-25',
        todayFor(() => new Date('2026-10-25T23:30:00Z')),
      ),
    ).toBe('overdue');
  });

  it('a koppeling started on a clock-change day keeps whole-day due dates', () => {
    const trial = nextDue({ startDate: '2026-03-29', evaluations: [] });
    expect(trial.dueOn).toBe('2026-05-29');
    expect(closureDeadline('2026-10-25')).toBe('2028-10-25');
  });
});
