/**
 * Optional layer on top of the server-rendered sign-up forms (they work without it):
 *  - inline validation with the same shared schema the server uses, shown when a field is left
 *    and, after a first attempt to send, live while typing;
 *  - on send with problems: the error summary at the top, filled and focused, and no request;
 *  - conditional questions: an element with data-depends-on="phone" shows only when that field
 *    has a value (e.g. "when can we call you" only when a phone number is given).
 * It renders nothing itself; it works on the form's own markup (see components/registration).
 */
import { useEffect } from 'preact/hooks';
import { type FieldErrors, parseRegistrationForm } from '~/lib/registration.schemas';
import type { RegistrationKind } from '~/lib/registration.types';

type Props = { formId: string; kind: RegistrationKind; labels: Record<string, string> };

function readForm(form: HTMLFormElement): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of new FormData(form).entries()) {
    const existing = raw[name];
    raw[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return raw;
}

function setFieldError(container: HTMLElement, field: string, message: string | undefined) {
  const errorId = `veld-${field}-error`;
  let error = container.querySelector<HTMLElement>(`#${CSS.escape(errorId)}`);
  if (message) {
    if (!error) {
      error = document.createElement('span');
      error.className = 'field-error';
      error.id = errorId;
      // Where the server puts it: after the hint, the legend or the question's own label; a
      // checkbox's label sits inside its .choice row, so there the message goes on top (as on the server).
      const hint = container.querySelector(':scope > .hint');
      const anchor = hint ?? container.querySelector(':scope > legend') ?? container.querySelector(':scope > label');
      if (anchor) anchor.after(error);
      else container.prepend(error);
    }
    error.replaceChildren(
      Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: 'Fout: ' }),
      document.createTextNode(message),
    );
  } else error?.remove();
  container.classList.toggle('field--error', !!message);
  const describedTargets =
    container.tagName === 'FIELDSET'
      ? [container]
      : Array.from(container.querySelectorAll<HTMLElement>('input, select, textarea'));
  for (const target of describedTargets) {
    const ids = (target.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== errorId);
    if (message) ids.push(errorId);
    if (ids.length) target.setAttribute('aria-describedby', ids.join(' '));
    else target.removeAttribute('aria-describedby');
  }
  for (const input of container.querySelectorAll<HTMLElement>('input, select, textarea')) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function renderSummary(summary: HTMLElement, errors: FieldErrors, labels: Record<string, string>) {
  const heading = Object.assign(document.createElement('h2'), { textContent: 'Niet alles is goed ingevuld' });
  const list = document.createElement('ul');
  for (const [field, message] of Object.entries(errors)) {
    const link = Object.assign(document.createElement('a'), {
      href: `#veld-${field}`,
      textContent: `${labels[field] ?? field}: ${message}`,
    });
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  summary.replaceChildren(heading, list);
  summary.hidden = false;
}

export default function RegistrationFormEnhancer({ formId, kind, labels }: Props) {
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const summary = form.querySelector<HTMLElement>('[data-error-summary]');
    const touched = new Set<string>();
    let attempted = false;

    const validate = (): FieldErrors => {
      const result = parseRegistrationForm(kind, readForm(form), new Date());
      return result.success ? {} : result.errors;
    };
    const show = (errors: FieldErrors) => {
      for (const container of form.querySelectorAll<HTMLElement>('[data-field]')) {
        const field = container.dataset.field!;
        // Before a first send, only complain about questions the person has finished.
        setFieldError(container, field, attempted || touched.has(field) ? errors[field] : undefined);
      }
    };
    const updateConditional = () => {
      for (const element of form.querySelectorAll<HTMLElement>('[data-depends-on]')) {
        const control = form.elements.namedItem(element.dataset.dependsOn!) as HTMLInputElement | null;
        element.hidden = !control?.value.trim();
      }
    };

    const fieldOf = (target: EventTarget | null) =>
      (target as HTMLElement | null)?.closest<HTMLElement>('[data-field]')?.dataset.field;
    const onFocusOut = (event: FocusEvent) => {
      const field = fieldOf(event.target);
      // Leaving one checkbox for the next in the same group is not "finished".
      if (!field || fieldOf(event.relatedTarget) === field) return;
      touched.add(field);
      show(validate());
    };
    const onInput = (event: Event) => {
      updateConditional();
      const field = fieldOf(event.target);
      if (field && (attempted || form.querySelector(`#vraag-${CSS.escape(field)}.field--error`))) show(validate());
    };
    const onSubmit = (event: SubmitEvent) => {
      attempted = true;
      const errors = validate();
      show(errors);
      if (Object.keys(errors).length === 0) return;
      event.preventDefault();
      if (summary) {
        renderSummary(summary, errors, labels);
        summary.focus();
      }
    };
    updateConditional();
    // A form the server sent back with problems: take the keyboard and screen reader to the list.
    if (summary && !summary.hidden) summary.focus();
    form.addEventListener('focusout', onFocusOut);
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    form.addEventListener('submit', onSubmit);
    return () => {
      form.removeEventListener('focusout', onFocusOut);
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
      form.removeEventListener('submit', onSubmit);
    };
  }, [formId, kind]);
  return null;
}
