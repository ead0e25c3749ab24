/**
 * The live preview next to the profile form: the same ProfileArticle the public page renders,
 * updated while the coordinator types, plus the identifiability check run in the browser (the
 * server runs it again before publishing; this is only a early hint). Without JavaScript the
 * server renders the same component after "Voorbeeld bekijken".
 */
import { useEffect, useState } from 'preact/hooks';
import ProfileArticle from '~/components/profiles/ProfileArticle';
import { flagPlace, formValuesOf, type ProfileView, previewFromValues } from '~/lib/profile';
import { checkIdentifiability, type FamilyContext, FLAG_KIND_LABELS } from '~/server/profiles/identifiability';

type Props = { formId: string; initial: ProfileView; family: FamilyContext };

function flagsOf(view: ProfileView, family: FamilyContext) {
  return checkIdentifiability(
    {
      fields: { title: view.title, kern: view.kern, story: view.story, asks: view.asks, offers: view.offers },
      kern: view.kern,
      children: view.children,
    },
    family,
  );
}

export default function ProfilePreview({ formId, initial, family }: Props) {
  const [view, setView] = useState(initial);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const update = () => setView(previewFromValues(formValuesOf(new FormData(form).entries()), initial));
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    // On a slow phone the coordinator may type before this island wakes up: catch up at once.
    update();
    setLive(true);
    return () => {
      form.removeEventListener('input', update);
      form.removeEventListener('change', update);
    };
  }, [formId]);
  const flags = live ? flagsOf(view, family) : [];
  return (
    <div class="stack">
      <p class="muted">
        {live
          ? 'Het voorbeeld verandert mee terwijl je typt.'
          : 'Zo ziet het profiel eruit. Druk op "Voorbeeld bekijken" om het bij te werken.'}
      </p>
      {live && (
        <div class={flags.length ? 'notice notice--warning' : 'notice notice--success'}>
          {flags.length === 0 ? (
            <p>De controle vindt nu niets dat het gezin herkenbaar maakt.</p>
          ) : (
            <>
              <p>De controle vindt {flags.length === 1 ? '1 punt' : `${flags.length} punten`} om naar te kijken:</p>
              <ul>
                {flags.map((flag) => (
                  <li key={flag.key}>
                    {FLAG_KIND_LABELS[flag.kind]}: <strong>{flag.match}</strong> ({flagPlace(flag.field)})
                    {flag.blocking && '. Dit moet weg.'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div class="card profile-preview">
        <ProfileArticle profile={view} headingLevel={2} respondHref="#voorbeeld" />
      </div>
    </div>
  );
}
