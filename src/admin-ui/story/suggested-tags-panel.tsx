import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { EntitySuggestion } from '../api/entities-api.js';
import { errorMessage } from '../api/http.js';
import { useAnnounce } from '../components/announcer.js';
import { ErrorNotice } from '../components/notice.js';
import { useLoad } from '../lib/use-load.js';
import type { StoryDocument } from './use-story-document.js';
import '../styles/suggested-tags.css';

const GROUPS: { kind: EntitySuggestion['kind']; label: string; one: string }[] = [
  { kind: 'person', label: 'People', one: 'person' },
  { kind: 'organisation', label: 'Organisations', one: 'organisation' },
  { kind: 'place', label: 'Places', one: 'place' },
  { kind: 'event', label: 'Events', one: 'event' },
  { kind: 'thing', label: 'Things', one: 'thing' },
];

/**
 * "Suggested tags": the people, organisations, places, events and things found in the story,
 * extracted again after every save (the list reloads when the version changes). Accept saves
 * pending edits first, then makes the tag and puts it on the story; Reject is remembered.
 */
export function SuggestedTagsPanel({ doc, disabled }: { doc: StoryDocument; disabled: boolean }) {
  const api = useApi();
  const announce = useAnnounce();
  const article = doc.article;
  const articleId = article?.id ?? '';
  const mayEdit = !!article?.permissions.edit;
  // Only those who may edit the story may change its tags; others are not offered the panel.
  const suggestions = useLoad(() => (mayEdit ? api.entities.list(articleId) : Promise.resolve({ items: [] })), [articleId, article?.version, mayEdit]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!article || !mayEdit) return null;
  const open = (suggestions.data?.items ?? []).filter((s) => s.state === 'suggested');

  async function decide(s: EntitySuggestion, accept: boolean) {
    setBusy(s.id);
    setError(null);
    try {
      if (accept) {
        // The story's tags change on the server: save what is typed first, then show the saved story.
        if (!(await doc.save())) return;
        const latest = doc.latest();
        if (!latest) return;
        await api.entities.accept(articleId, s.id, latest.version);
        doc.reset(await api.articles.get(articleId));
        announce(`${s.name} added as a tag`);
      } else {
        await api.entities.reject(articleId, s.id);
        suggestions.reload();
        announce(`${s.name} will not be suggested again for this story`);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel suggested-tags" aria-labelledby="suggested-tags-title">
      <h2 id="suggested-tags-title" className="panel-title">
        Suggested tags
      </h2>
      {suggestions.error != null && <ErrorNotice>{errorMessage(suggestions.error)}</ErrorNotice>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {suggestions.data && open.length === 0 && <p className="hint">No suggestions. Names in the story appear here after a save.</p>}
      {GROUPS.map((group) => {
        const items = open.filter((s) => s.kind === group.kind);
        if (items.length === 0) return null;
        return (
          <div key={group.kind} className="suggested-group">
            <h3 className="suggested-kind">{group.label}</h3>
            <ul>
              {items.map((s) => (
                <li key={s.id} data-suggestion={s.name}>
                  <span className="suggested-name" title={s.surfaces.length > 1 ? `Also written: ${s.surfaces.filter((f) => f !== s.name).join(', ')}` : undefined}>
                    {s.name}
                    {s.tagId && <span className="suggested-known"> (existing tag)</span>}
                  </span>
                  <span className="suggested-actions">
                    <button type="button" className="button button-small" disabled={disabled || busy !== null} onClick={() => void decide(s, true)} aria-label={`Accept ${s.name} as a ${group.one} tag`}>
                      Accept
                    </button>
                    <button type="button" className="button button-small button-quiet" disabled={disabled || busy !== null} onClick={() => void decide(s, false)} aria-label={`Reject ${s.name}`}>
                      Reject
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
