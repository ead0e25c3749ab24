/**
 * The inbox search box. Server-rendered it is a plain GET form to /inbox/zoeken (works without
 * JavaScript). Hydrated it adds instant results while typing: debounced requests to
 * /inbox/zoeken.json, shown as a listbox under the field (ARIA 1.2 combobox pattern: arrow keys
 * move through the results, Enter opens one, Escape closes), and a polite live region that says
 * how many were found. Highlighted words arrive as text parts and are rendered as <mark>: no HTML
 * from the server is ever inserted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type Part = { text: string; mark: boolean };
type Hit = { id: string; href: string; name: Part[]; meta: string; snippets: { label: string; parts: Part[] }[] };

type Props = {
  query: string;
  /** Filters to keep (soort, status, gemeente …), sent along as hidden fields and with each request. */
  keep?: Record<string, string>;
  action?: string;
  endpoint?: string;
};

const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;

function Highlighted({ parts }: { parts: Part[] }) {
  return <>{parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

export default function InboxSearchBox({
  query,
  keep = {},
  action = '/inbox/zoeken',
  endpoint = '/inbox/zoeken.json',
}: Props) {
  const [enhanced, setEnhanced] = useState(false);
  const [value, setValue] = useState(query);
  const [hits, setHits] = useState<Hit[]>([]);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<AbortController>();
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => setEnhanced(true), []);

  function search(text: string) {
    clearTimeout(timer.current);
    pending.current?.abort();
    if (text.trim().length < MIN_LENGTH) {
      setHits([]);
      setOpen(false);
      setActive(-1);
      setStatus('');
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      pending.current = controller;
      const params = new URLSearchParams({ ...keep, q: text.trim() });
      try {
        const response = await fetch(`${endpoint}?${params}`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        });
        const body = (await response.json()) as { total?: number; hits?: Hit[]; error?: string };
        if (!response.ok) {
          setHits([]);
          setOpen(false);
          setStatus(body.error ?? 'Zoeken lukte niet. Druk op Zoeken om het opnieuw te proberen.');
          return;
        }
        setHits(body.hits ?? []);
        setTotal(body.total ?? 0);
        setActive(-1);
        setOpen(true);
        const found = body.total ?? 0;
        setStatus(
          found === 0
            ? 'Niets gevonden. Probeer een ander woord of een deel van de naam.'
            : `${found} ${found === 1 ? 'aanmelding' : 'aanmeldingen'} gevonden. Gebruik pijltje omlaag om er een te kiezen.`,
        );
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        setStatus('Zoeken lukte niet. Druk op Zoeken om het opnieuw te proberen.');
      }
    }, DEBOUNCE_MS);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!open || hits.length === 0) {
      if (event.key === 'ArrowDown' && hits.length > 0) {
        setOpen(true);
        event.preventDefault();
      }
      return;
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current) => (current + 1) % hits.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => (current <= 0 ? hits.length - 1 : current - 1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.assign(hits[active]!.href);
    }
  }

  const expanded = enhanced && open && hits.length > 0;
  return (
    <form method="get" action={action} role="search" class="inbox-search" ref={form} aria-label="Zoeken in de inbox">
      <label class="label" for="inbox-zoek">
        Zoek een aanmelding
      </label>
      <span class="hint" id="inbox-zoek-hint">
        Naam, telefoon, e-mail, postcode, dorp, organisatie of een woord uit een notitie. Een tikfout mag.
      </span>
      <div class="inbox-search__row">
        <input
          id="inbox-zoek"
          name="q"
          type="search"
          value={value}
          maxLength={200}
          autoComplete="off"
          spellcheck={false}
          aria-describedby="inbox-zoek-hint"
          {...(enhanced
            ? {
                role: 'combobox',
                'aria-autocomplete': 'list',
                'aria-expanded': expanded ? 'true' : 'false',
                'aria-controls': 'inbox-zoek-resultaten',
                'aria-activedescendant': expanded && active >= 0 ? `inbox-zoek-optie-${active}` : undefined,
              }
            : {})}
          onInput={(event) => {
            const text = (event.currentTarget as HTMLInputElement).value;
            setValue(text);
            search(text);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => hits.length > 0 && setOpen(true)}
        />
        {Object.entries(keep).map(([name, keptValue]) => (
          <input type="hidden" name={name} value={keptValue} key={name} />
        ))}
        <button type="submit" class="button">
          Zoeken
        </button>
      </div>
      {enhanced && (
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {status}
        </div>
      )}
      {enhanced && (
        <div class="inbox-search__popup" hidden={!expanded}>
          <ul
            id="inbox-zoek-resultaten"
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA 1.2 combobox: a listbox driven from the input
            role="listbox"
            aria-label="Gevonden aanmeldingen"
            class="inbox-search__results"
          >
            {hits.map((hit, index) => (
              // biome-ignore lint/a11y/useFocusableInteractive: options are reached through aria-activedescendant on the input, not by Tab
              <li
                key={hit.id}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: options of the combobox above
                role="option"
                id={`inbox-zoek-optie-${index}`}
                aria-selected={index === active ? 'true' : 'false'}
                class={index === active ? 'is-active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  window.location.assign(hit.href);
                }}
              >
                <span class="inbox-search__name">
                  <Highlighted parts={hit.name} />
                </span>
                <span class="inbox-search__meta">{hit.meta}</span>
                {hit.snippets.slice(0, 2).map((snippet) => (
                  <span class="inbox-search__snippet" key={snippet.label}>
                    {snippet.label}: <Highlighted parts={snippet.parts} />
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {total > hits.length && (
            <p class="inbox-search__more">
              <a href={`${action}?${new URLSearchParams({ ...keep, q: value.trim() })}`}>
                Alle {total} resultaten bekijken
              </a>
            </p>
          )}
        </div>
      )}
    </form>
  );
}
