/**
 * One recruitment profile as the public sees it. Rendered on the server for the public page (no
 * JavaScript is shipped for it) and inside the coordinator's live preview island, so the preview
 * is exactly the public text. All text is escaped by Preact; no HTML from the profile is used.
 */
import {
  daysText,
  describeChildren,
  frequencyText,
  type ProfileView,
  sleepoverText,
  supportLabel,
} from '~/lib/profile';

type Props = { profile: ProfileView; headingLevel?: 1 | 2; respondHref?: string | null };

function paragraphs(text: string) {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => <p>{paragraph}</p>);
}

export default function ProfileArticle({ profile, headingLevel = 1, respondHref = null }: Props) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const matched = profile.status === 'matched';
  return (
    <article class="profile stack" aria-labelledby={`profiel-${profile.id}-kop`}>
      <p class="cluster">
        <span class="badge">
          {profile.kern === profile.gemeenteName
            ? `Gemeente ${profile.gemeenteName}`
            : `${profile.kern}, gemeente ${profile.gemeenteName}`}
        </span>
        {matched && <span class="badge badge--warm">Er is een steungezin gevonden!</span>}
      </p>
      <Heading id={`profiel-${profile.id}-kop`}>{profile.title || 'Titel van het profiel'}</Heading>
      {matched && (
        <div class="notice notice--success">
          <p>
            <strong>Er is een steungezin gevonden!</strong> Dank je wel aan iedereen die reageerde. Wil je nog steeds
            iets betekenen? Er zijn meer gezinnen die een steungezin zoeken.
          </p>
        </div>
      )}
      <p class="lede">Het gaat om {describeChildren(profile.children) || '…'}.</p>
      <div class="prose">{paragraphs(profile.story)}</div>
      <Sub>Wat zou helpen</Sub>
      <dl class="summary-list">
        <dt>Soort steun</dt>
        <dd>
          {profile.supportKinds.length
            ? profile.supportKinds
                .map((kind, index) => (index === 0 ? supportLabel(kind) : supportLabel(kind).toLocaleLowerCase('nl')))
                .join(', ')
            : '…'}
        </dd>

        <dt>Welke dagen</dt>
        <dd>{daysText(profile.days)}</dd>

        <dt>Hoe vaak</dt>
        <dd>{frequencyText(profile.frequency)}</dd>

        <dt>Logeren</dt>
        <dd>{sleepoverText(profile.sleepovers)}</dd>
      </dl>
      <Sub>Wat je als steungezin doet</Sub>
      <div class="prose">{paragraphs(profile.asks)}</div>
      <Sub>Wat je ervoor terugkrijgt</Sub>
      <div class="prose">{paragraphs(profile.offers)}</div>
      {respondHref && !matched && (
        <p class="actions">
          <a class="button" href={respondHref}>
            Ik wil reageren
          </a>
        </p>
      )}
    </article>
  );
}
