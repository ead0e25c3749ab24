/**
 * The staff action router: one way for every staff page to find out who asks, handle a form
 * POST and load what it shows (docs/architecture.md, "A staff POST, from form to audit entry").
 *
 *   form intent (the `action` field) -> its handler (parses the fields, calls one use case)
 *     -> 303 to `?gedaan=<intent>` (or where the handler says), where the page shows the done message
 *     -> or, for an expected error, the page again with the Dutch message beside that form
 *        (actionFailure: a record gone or out of reach replaces the whole page instead)
 *
 * An unknown intent is a 400 with "Dat verzoek kennen we niet." The page then loads its data
 * (one use case) and renders. No astro:* imports: pages pass their Astro global as `context`.
 */
import type { StaffAction, StaffContext } from '~/server/access/permissions';
import { httpError } from '~/server/http/http.errors';
import type { Runtime } from '~/server/runtime/runtime';
import {
  actionFailure,
  FORM_MAX_BYTES,
  type Problem,
  problemOf,
  type RequestContext,
  readForm,
  staffRequest,
  UnknownActionError,
} from './staff-request';

/** The fields of a form as sent. */
export type StaffForm = {
  /** The first value of a field; '' when it was not sent. */
  get(name: string): string;
  /** Every value of a field (a group of checkboxes). */
  all(name: string): string[];
  /** Every field, in the order sent. */
  entries(): [string, string][];
  /** An uploaded file (multipart forms, e.g. the import), or null when none was sent. */
  file(name: string): File | null;
};

/** What a handler may answer besides nothing (done: 303 to `?gedaan=<intent>`): another 303, or the page again with a result. */
type ActionOutcome<R> = { redirect: string } | { render: R; status?: number; error?: string };

/** Form intent -> handler. A handler that returns nothing (a use case's Promise<void>) is done. */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers pass on a use case's Promise<void>; nothing means done.
type StaffActions<R> = Record<string, (form: StaffForm) => Promise<ActionOutcome<R> | void>>;

/** `fields`: the Dutch message per field, when the use case named them. */
type FormError = { message: string; form: string; fields?: Record<string, string> };

type Who = { runtime: Runtime; ctx: StaffContext };

export type StaffPageOptions<T, R> = {
  /** What a staff member must be allowed to do to open the page at all (403 otherwise). */
  access: StaffAction;
  /** The form intents this page handles (for a POST). */
  actions?: (who: Who) => StaffActions<R>;
  /** The page's own path: done redirects go to `<path>?gedaan=<intent>`. */
  path?: string;
  /** How large a POST may be (default FORM_MAX_BYTES; a page with a file input says more). */
  maxBodyBytes?: number;
  /** Loads what the page shows (one use case), after any action. */
  load: (who: Who) => Promise<T>;
};

export type StaffPage<T, R> = Who & {
  /** Set when the page shows a problem instead of its content (401/403/404). */
  problem: Problem | null;
  /** The HTTP status to answer with. */
  status: number;
  data: T | null;
  /** The intent of a POST that did not redirect, with its error, the fields sent and the handler's result. */
  action: { intent: string | null; formError: FormError | null; form: StaffForm | null; result: R | null };
  /** The intent of the change that just succeeded (?gedaan=), for the page's done message. */
  done: string | null;
};

/**
 * The form as a plain record for a use case that parses it with its own schemas: a field sent
 * once is a string, a field sent more than once (a group of checkboxes) a list.
 */
export function formRecord(form: StaffForm): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    const before = out[name];
    out[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return out;
}

function staffForm(fields: Record<string, string> & { __all: FormData }): StaffForm {
  return {
    get: (name) => fields[name] ?? '',
    all: (name) => fields.__all.getAll(name).filter((value): value is string => typeof value === 'string'),
    entries: () =>
      [...fields.__all.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    file: (name) => {
      const value = fields.__all.get(name);
      return value instanceof File ? value : null;
    },
  };
}

const TOO_LARGE = 'Wat je verstuurt is te groot. Kies een kleiner bestand of maak je teksten korter.';

/** The fields of a form as the public sign-up forms read them: one value, or a list for a repeated name. */
export function formFields(form: StaffForm): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return fields;
}

type ActionState<R> = StaffPage<never, R>['action'] & { status: number; problem: Problem | null };

/**
 * Routes one form POST: reads the fields, runs the handler of its intent and says what to do:
 * redirect (303) after success, or show the page again with the status, the error beside the
 * form that was sent (or a problem instead of the page: 404/401) and what the handler returned.
 */
export async function routeStaffAction<R>(
  request: Request,
  actions: StaffActions<R>,
  donePath: string,
  maxBytes = FORM_MAX_BYTES,
): Promise<{ redirect: string } | ActionState<R>> {
  // Too large to read (a file over the page's limit): the form is not read, the page says so.
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    const error = httpError('http.payload_too_large', { declared }, TOO_LARGE);
    return {
      intent: '',
      form: null,
      formError: { message: error.userMessage, form: '' },
      result: null,
      status: 413,
      problem: null,
    };
  }
  const form = staffForm(await readForm(request, maxBytes));
  const intent = form.get('action');
  const state: ActionState<R> = { intent, form, formError: null, result: null, status: 200, problem: null };
  try {
    const handler = Object.hasOwn(actions, intent) ? actions[intent] : undefined;
    if (!handler) throw new UnknownActionError(intent);
    const outcome = await handler(form);
    if (!outcome) return { redirect: `${donePath}?gedaan=${encodeURIComponent(intent)}` };
    if ('redirect' in outcome) return { redirect: outcome.redirect };
    state.result = outcome.render;
    state.status = outcome.status ?? 200;
    if (outcome.error) state.formError = { message: outcome.error, form: intent };
  } catch (error) {
    const failure = actionFailure(error, intent);
    if ('problem' in failure) state.problem = failure.problem;
    else {
      state.status = failure.status;
      state.formError = failure.formError;
    }
  }
  return state;
}

/** The router: who asks, the POST (if any), then the page's data. A Response means: return it. */
export async function staffPage<T, R = never>(
  context: RequestContext,
  options: StaffPageOptions<T, R>,
): Promise<StaffPage<T, R> | Response> {
  const request = await staffRequest(context, { action: options.access });
  if (request instanceof Response) return request;
  const { runtime, ctx } = request;
  let problem = request.problem;
  let status = 200;
  let action: StaffPage<T, R>['action'] = { intent: null, formError: null, form: null, result: null };

  if (!problem && context.request.method === 'POST' && options.actions) {
    const routed = await routeStaffAction(
      context.request,
      options.actions({ runtime, ctx }),
      options.path ?? context.url.pathname,
      options.maxBodyBytes,
    );
    if ('redirect' in routed) return new Response(null, { status: 303, headers: { location: routed.redirect } });
    ({ status, problem, ...action } = routed);
  }

  let data: T | null = null;
  if (!problem) {
    try {
      data = await options.load({ runtime, ctx });
    } catch (error) {
      problem = problemOf(error);
    }
  }
  return {
    runtime,
    ctx,
    problem,
    status: problem?.status ?? status,
    data,
    action,
    done: context.url.searchParams.get('gedaan'),
  };
}
