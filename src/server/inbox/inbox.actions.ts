/**
 * For the sign-up page's action router: a note or contact summary with a diagnosis or health word
 * (inbox.health_words) is not an error but a question. The form comes back with the Dutch question
 * and a box to tick ("Ja, dit is nodig voor de volgende stap"); nothing is stored until it is ticked.
 */
import { isAppError } from '~/server/errors/errors';

export async function askHealthConfirmation(save: () => Promise<void>) {
  try {
    await save();
    return undefined;
  } catch (error) {
    if (!isAppError(error, 'inbox.health_words')) throw error;
    return { render: { askHealthConfirm: true }, status: error.status, error: error.userMessage };
  }
}
