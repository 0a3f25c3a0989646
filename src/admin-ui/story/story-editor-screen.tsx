import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import { SelectField, TextArea, TextField } from '../components/field.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/notice.js';
import { usePeople, useSections } from '../components/use-directory.js';
import { useSiteSettings } from '../components/use-site-settings.js';
import { BodyEditor } from '../editor/body-editor.js';
import { atLeast } from '../lib/roles.js';
import { useTitle } from '../lib/use-load.js';
import { rememberCreated } from '../router/editor-session.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { AuthorsField } from './authors-field.js';
import { ConflictBanner } from './conflict-banner.js';
import { CorrectionsPanel } from './corrections-panel.js';
import { ReadersPanel } from './readers-panel.js';
import { SuggestedTagsPanel } from './suggested-tags-panel.js';
import { StoryOriginPanel } from './story-origin-panel.js';
import { HeroPanel } from './hero-panel.js';
import { smartenQuotes } from '../editor/smart-quotes.js';
import { LiveNotice } from './live-notice.js';
import { RevisionsDialog } from './revisions-dialog.js';
import { SaveStatus } from './save-status.js';
import { SeoPanel } from './seo-panel.js';
import { emptyForm, formProblems } from './story-form.js';
import { TagsField } from './tags-field.js';
import { usePresence } from './use-presence.js';
import { useStoryDocument } from './use-story-document.js';
import { WorkflowPanel } from './workflow-panel.js';
import '../styles/editor.css';

const LANGUAGES = ['en', 'hi', 'bn', 'ta', 'te', 'mr', 'ur', 'gu', 'kn', 'ml', 'pa'];

/** The story editor: writing on the left, everything about the story on the right. */
export function StoryEditorScreen({ articleId }: { articleId: string | null }) {
  const { user } = useSession();
  const sections = useSections();
  const people = usePeople();
  const settings = useSiteSettings();
  const [revisionsOpen, setRevisionsOpen] = useState(false);

  const newForm = useMemo(() => {
    if (articleId || !sections.data) return null;
    const preferred = sections.data.find((s) => s.slug === settings.defaultSection) ?? sections.data[0];
    return emptyForm(preferred?.id ?? '', user.personId ? [user.personId] : []);
  }, [articleId, sections.data, settings.defaultSection, user.personId]);

  const doc = useStoryDocument({
    articleId,
    newForm,
    onCreated: (created) => {
      rememberCreated(created.id);
      navigate(`/admin/stories/${encodeURIComponent(created.id)}`, { replace: true });
    },
  });
  const others = usePresence(doc.article?.id ?? null);
  const { article, form } = doc;
  useTitle(form?.headline.trim() || (articleId ? 'Edit story' : 'New story'));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void doc.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doc.save]);

  if (doc.loadError) {
    const missing = doc.loadError instanceof ApiError && (doc.loadError.status === 404 || doc.loadError.status === 403);
    return (
      <>
        <h1 tabIndex={-1}>Story not available</h1>
        <ErrorNotice>{missing ? 'This story does not exist or you do not have access to it.' : errorMessage(doc.loadError)}</ErrorNotice>
        <Link href="/admin/stories">Back to stories</Link>
      </>
    );
  }
  if (!form) return <Loading label="Loading the story…" />;

  const editable = article ? article.permissions.edit : true;
  const problems = formProblems(form);
  const readOnly = !editable || doc.saveState === 'conflict';

  async function preview() {
    if (!article) return;
    if (!doc.dirty) {
      window.open(article.previewUrl, '_blank');
      return;
    }
    // Open the tab in the click (popup blockers), then point it at the preview once saved.
    const tab = window.open('about:blank', '_blank');
    await doc.save();
    if (tab) tab.location.href = article.previewUrl;
  }

  return (
    <div className="story-editor">
      <div className="editor-bar">
        <Link href="/admin/stories" className="back-link">
          ← Stories
        </Link>
        <h1 tabIndex={-1} className="editor-title">
          {articleId ? 'Edit story' : 'New story'}
        </h1>
        <SaveStatus state={doc.saveState} error={doc.saveError} onRetry={() => void doc.save()} notPublic={!!article?.pendingChanges} />
        {others.length > 0 && (
          <p className="presence">
            <span className="presence-dot" aria-hidden="true" />
            Also open by: {others.map((o) => o.name).join(', ')}
          </p>
        )}
        <div className="editor-bar-actions">
          <button type="button" className="button" onClick={() => void doc.save()} disabled={readOnly} aria-keyshortcuts="Control+S Meta+S">
            Save
          </button>
          <button type="button" className="button" onClick={() => setRevisionsOpen(true)} disabled={!article}>
            Revisions
          </button>
          <button type="button" className="button" onClick={() => void preview()} disabled={!article}>
            Preview
          </button>
        </div>
      </div>

      {doc.conflict && <ConflictBanner conflict={doc.conflict} onReload={doc.reloadFromServer} onOverwrite={doc.overwrite} />}
      {!editable && <InfoNotice>You can read this story but not change it.</InfoNotice>}
      {article && (article.status === 'published' || article.status === 'scheduled') && <LiveNotice article={article} />}

      <div className="editor-columns">
        <div className="writing">
          <TextArea
            label="Headline"
            className="headline-field"
            value={form.headline}
            onChange={(headline) => doc.update({ headline })}
            transform={smartenQuotes}
            rows={2}
            readOnly={readOnly}
            autoFocus={!articleId}
            required
            maxLength={300}
            placeholder="Headline"
          />
          <TextArea
            label="Standfirst"
            className="standfirst-field"
            value={form.standfirst}
            onChange={(standfirst) => doc.update({ standfirst })}
            transform={smartenQuotes}
            rows={2}
            readOnly={readOnly}
            maxLength={600}
            placeholder="One or two sentences that sum the story up"
            hint="One or two sentences under the headline."
          />
          <div className="field">
            <div className="field-label-row">
              <span className="label" id="body-label">
                Body
              </span>
            </div>
            <BodyEditor key={doc.bodyKey} initial={doc.initialBody} editable={!readOnly} onChange={doc.bodyChanged} onReady={doc.bodyReady} labelId="body-label" />
          </div>
        </div>

        <div className="story-sidebar">
          <WorkflowPanel doc={doc} />
          <section className="panel" aria-labelledby="details-title">
            <h2 id="details-title" className="panel-title">
              Story details
            </h2>
            <SelectField
              label="Section"
              value={form.sectionId}
              onChange={(sectionId) => doc.update({ sectionId })}
              options={(sections.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              emptyLabel={form.sectionId ? undefined : 'Choose a section'}
              disabled={readOnly}
            />
            <AuthorsField value={form.authorIds} people={people.data ?? []} onChange={(authorIds) => doc.update({ authorIds })} disabled={readOnly} />
            <TagsField value={form.tags} onChange={(tags) => doc.update({ tags })} disabled={readOnly} />
            <TextField label="Dateline place" value={form.datelinePlace} onChange={(datelinePlace) => doc.update({ datelinePlace })} placeholder="e.g. New Delhi" readOnly={readOnly} maxLength={100} />
            <TextField label="Language" value={form.language} onChange={(language) => doc.update({ language })} list="language-list" placeholder="en" readOnly={readOnly} hint="Language code, e.g. en or hi." error={problems.language} />
            <datalist id="language-list">
              {LANGUAGES.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </section>
          {article && <StoryOriginPanel articleId={article.id} />}
          {article && <SuggestedTagsPanel doc={doc} disabled={readOnly} />}
          <HeroPanel
            mediaId={form.heroMediaId}
            caption={form.heroCaption}
            onChange={(change) => doc.update(change)}
            disclaimerTemplate={settings.disclaimerTemplate}
            disabled={readOnly}
          />
          <SeoPanel
            headline={form.headline}
            standfirst={form.standfirst}
            seoTitle={form.seoTitle}
            seoDescription={form.seoDescription}
            slug={form.slug}
            slugError={problems.slug}
            publicUrl={article?.url ?? null}
            siteName={settings.siteName}
            heroMediaId={form.heroMediaId}
            onChange={(change) => doc.update(change)}
            disabled={readOnly}
          />
          {article && article.status === 'published' && <CorrectionsPanel doc={doc} article={article} canCorrect={atLeast(user.role, 'editor') && article.permissions.edit} />}
          {article && (article.status === 'published' || article.status === 'unpublished') && <ReadersPanel articleId={article.id} timeZone={settings.timeZone} />}
        </div>
      </div>
      {article && <RevisionsDialog open={revisionsOpen} onClose={() => setRevisionsOpen(false)} doc={doc} articleId={article.id} canRestore={article.permissions.edit} />}
    </div>
  );
}
