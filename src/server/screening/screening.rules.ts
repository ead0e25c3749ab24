/**
 * When a steungezin may be approved ("Goedgekeurd"): both intake conversations are held, every
 * adult on the VOG list has a VOG that is received and still valid, and the competence checklist
 * is signed off. Pure, so the rule is tested on its own; the use cases load the data.
 */
import type { ApprovalBlocker } from './screening.labels';

export type ApprovalInput = {
  intakes: readonly { number: number }[];
  vogs: readonly { receivedOn: string | null; validUntil: string | null }[];
  checklistSignedOff: boolean;
  today: string;
};

export function approvalBlockers(input: ApprovalInput): ApprovalBlocker[] {
  const blockers: ApprovalBlocker[] = [];
  if (!input.intakes.some((i) => i.number === 1)) blockers.push('intake_1');
  if (!input.intakes.some((i) => i.number === 2)) blockers.push('intake_2');
  if (input.vogs.length === 0) blockers.push('no_adults');
  else if (input.vogs.some((v) => !v.receivedOn)) blockers.push('vog_missing');
  else if (input.vogs.some((v) => v.validUntil !== null && v.validUntil < input.today)) blockers.push('vog_expired');
  if (!input.checklistSignedOff) blockers.push('checklist');
  return blockers;
}

/** Every VOG received and valid today: a steungezin can be proposed to a family. */
export function vogsValid(vogs: readonly { receivedOn: string | null; validUntil: string | null }[], today: string) {
  return vogs.length > 0 && vogs.every((v) => v.receivedOn && (v.validUntil === null || v.validUntil >= today));
}

/** Inbox statuses of an approved steungezin that still takes part: it is in the shortlist pool. */
export const POOL_STATUSES: readonly string[] = ['approved', 'proposed', 'matched'];
