/**
 * For the sign-up page's action router: a note or contact summary with a diagnosis or health word
 * (inbox.health_words) is not an error but a question. The form comes back with the Dutch question
 * and a box to tick ("Ja, dit is nodig voor de volgende stap"); nothing is stored until it is ticked.
 */
import type { StaffContext } from '~/server/access/permissions';
import type { StaffForm } from '~/server/access/staff-page';
import { isAppError } from '~/server/errors/errors';
import { addContact, addNote, changeStatus, type InboxDeps } from './inbox.usecases';

async function askHealthConfirmation(save: () => Promise<void>) {
  try {
    await save();
    return undefined;
  } catch (error) {
    if (!isAppError(error, 'inbox.health_words')) throw error;
    return { render: { askHealthConfirm: true }, status: error.status, error: error.userMessage };
  }
}

const confirmed = (form: StaffForm) => form.get('healthConfirmed') === 'ja';

/** The `note` intent of /inbox/{id}: asks once about health words. */
export function saveNote(deps: InboxDeps, ctx: StaffContext, id: string, form: StaffForm) {
  return askHealthConfirmation(() => addNote(deps, ctx, id, form.get('note'), { healthConfirmed: confirmed(form) }));
}

/** The `contact` intent of /inbox/{id}: asks once about health words. */
export function saveContact(deps: InboxDeps, ctx: StaffContext, id: string, form: StaffForm) {
  return askHealthConfirmation(() =>
    addContact(deps, ctx, id, {
      channel: form.get('channel'),
      contactedOn: form.get('contactedOn'),
      summary: form.get('summary'),
      healthConfirmed: confirmed(form),
    }),
  );
}

/** The `status` intent of /inbox/{id}: the step, and for a side exit the note (and for a referral the reason). */
export function saveStatus(deps: InboxDeps, ctx: StaffContext, id: string, form: StaffForm) {
  return changeStatus(deps, ctx, id, {
    to: form.get('to'),
    from: form.get('from'),
    note: form.get('statusNote'),
    reason: form.get('statusReason'),
  });
}
