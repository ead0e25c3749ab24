/**
 * What the three sign-up pages do with a request, so the pages only render: GET gives an empty
 * form with a fresh signed token; POST reads the body defensively, calls submitRegistration and
 * answers with a 303 to the confirmation page (only after the commit) or the form again with
 * every value kept, the errors and the right status (422, 429 with Retry-After, 400, 413, 415).
 */

import type { FieldErrors } from '~/lib/registration.schemas';
import type { RegistrationKind } from '~/lib/registration.types';
import { describeErrorForLog } from '~/server/db/database-errors';
import { isAppError, toHttpError } from '~/server/errors/errors';
import { getClientAddress } from '~/server/http/client-address';
import { type FormFields, formValuesForDisplay, readFormBody } from '~/server/http/form-body';
import { countRegistration } from '~/server/observability/metrics';
import type { Runtime } from '~/server/runtime/runtime';
import { issueFormToken } from './form-token';
import { submitRegistration } from './registrations.usecases';

export type RegistrationPageState =
  | { type: 'redirect'; location: string }
  | {
      type: 'form';
      status: number;
      values: Record<string, string | string[]>;
      errors: FieldErrors;
      /** A problem with the whole form, shown at the top. */
      message?: string;
      token: string;
      headers: Record<string, string>;
    };

const confirmationPath = (gemeente: string, kind: RegistrationKind) => `/${gemeente}/aanmelden/bedankt?soort=${kind}`;

export async function handleRegistrationRequest(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'log'>,
  context: {
    request: Request;
    clientAddress: () => string | undefined;
    kind: RegistrationKind;
    gemeente: string;
    initialValues?: Record<string, string>;
  },
): Promise<RegistrationPageState> {
  const { request, kind, gemeente } = context;
  const freshToken = () => issueFormToken({ secret: runtime.config.appSecret, kind, now: runtime.clock() });
  if (request.method !== 'POST') {
    return {
      type: 'form',
      status: 200,
      values: context.initialValues ?? {},
      errors: {},
      token: freshToken(),
      headers: {},
    };
  }
  let fields: FormFields = {};
  try {
    fields = await readFormBody(request);
    const result = await submitRegistration(runtime, {
      kind,
      gemeente,
      fields,
      clientAddress: getClientAddress(context, { trustProxy: runtime.config.trustProxy }),
    });
    if (result.ok) {
      countRegistration(kind, 'accepted');
      return { type: 'redirect', location: confirmationPath(gemeente, kind) };
    }
    countRegistration(kind, 'invalid');
    return {
      type: 'form',
      status: 422,
      values: formValuesForDisplay(fields),
      errors: result.errors,
      token: freshToken(),
      headers: {},
    };
  } catch (error) {
    const http = toHttpError(error);
    const headers: Record<string, string> = {};
    if (isAppError(error, 'registration.rate_limited')) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(Number(error.details?.retryAfterMs ?? 60_000) / 1000)));
    }
    countRegistration(
      kind,
      isAppError(error, 'registration.rate_limited') ? 'rate_limited' : isAppError(error) ? 'refused' : 'failed',
    );
    let status = http.status;
    let message = http.message;
    // A refusal we know (4xx) is the visitor's; a 5xx AppError is ours (e.g. mail data that does
    // not fit its template): log its code and details (paths, never values) so it can be found.
    if (isAppError(error) && http.status >= 500)
      runtime.log.error('Aanmelding geweigerd door een fout aan onze kant', {
        kind,
        gemeente,
        code: error.code,
        details: error.details,
      });
    if (!isAppError(error)) {
      // Most likely the database is unreachable. Say plainly that nothing was saved.
      // Never the error's message: a failed query's message holds its parameters (the applicant's data).
      runtime.log.error('Aanmelding kon niet worden opgeslagen', { kind, gemeente, ...describeErrorForLog(error) });
      status = 503;
      message =
        'Het lukte ons niet om je aanmelding op te slaan. Er is niets bewaard. Probeer het over een paar minuten opnieuw.';
      headers['retry-after'] = '60';
    }
    return {
      type: 'form',
      status,
      values: formValuesForDisplay(fields),
      errors: {},
      message,
      token: freshToken(),
      headers,
    };
  }
}
