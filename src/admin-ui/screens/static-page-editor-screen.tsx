import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { StaticPageInput } from '../api/pages-api.js';
import type { DocNode, StaticPage } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { Checkbox, TextField } from '../components/field.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { BodyEditor } from '../editor/body-editor.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import '../styles/editor.css';

interface PageForm {
  title: string;
  slug: string;
  position: string;
  inFooter: boolean;
}

const EMPTY_BODY: DocNode = { type: 'doc', content: [] };

function formOf(page: StaticPage | null): PageForm {
  return { title: page?.title ?? '', slug: page?.slug ?? '', position: page ? String(page.position) : '', inFooter: page?.inFooter ?? true };
}

/**
 * One static page: title, address, footer link and order, and a body written with the
 * story editor's rich-text editor (so it is stored as the same structured document).
 */
export function StaticPageEditorScreen({ pageId }: { pageId: string | null }) {
  const api = useApi();
  const announce = useAnnounce();
  const loaded = useLoad(() => (pageId ? api.pages.get(pageId) : Promise.resolve(null)), [pageId]);
  const [page, setPage] = useState<StaticPage | null>(null);
  const [form, setForm] = useState<PageForm | null>(pageId ? null : formOf(null));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const readBody = useRef<() => DocNode>(() => page?.body ?? EMPTY_BODY);
  useTitle(form?.title.trim() || (pageId ? 'Edit page' : 'New page'));

  useEffect(() => {
    if (!loaded.data) return;
    setPage(loaded.data);
    setForm(formOf(loaded.data));
  }, [loaded.data]);

  const update = (change: Partial<PageForm>) => {
    setForm((f) => (f ? { ...f, ...change } : f));
    setDirty(true);
  };
  const bodyChanged = useCallback(() => setDirty(true), []);
  const bodyReady = useCallback((get: () => DocNode) => {
    readBody.current = get;
  }, []);

  async function save() {
    if (!form || saving) return;
    setSaving(true);
    setError(null);
    const input: StaticPageInput = { title: form.title.trim(), body: readBody.current(), inFooter: form.inFooter };
    if (form.slug.trim()) input.slug = form.slug.trim();
    if (form.position.trim()) input.position = Number(form.position);
    try {
      if (page) {
        const saved = await api.pages.update(page.id, input);
        setPage(saved);
        setForm(formOf(saved));
        setDirty(false);
        announce('Page saved');
      } else {
        const created = await api.pages.create(input);
        announce('Page created');
        navigate(`/admin/pages/${encodeURIComponent(created.id)}`, { replace: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (loaded.error != null) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <>
        <h1 tabIndex={-1}>Page not available</h1>
        <ErrorNotice>{missing ? 'This page does not exist; it may have been deleted.' : errorMessage(loaded.error)}</ErrorNotice>
        <Link href="/admin/pages">Back to pages</Link>
      </>
    );
  }
  if (!form) return <Loading label="Loading the page…" />;

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  const slugChanged = page !== null && form.slug.trim() !== page.slug;

  return (
    // A plain container, not a <form>: the body editor's dialogs have forms of their own.
    <div className="story-editor">
      <div className="editor-bar">
        <Link href="/admin/pages" className="back-link">
          ← Pages
        </Link>
        <h1 tabIndex={-1} className="editor-title">
          {page ? 'Edit page' : 'New page'}
        </h1>
        <p className="save-status" role="status">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : page ? 'Saved' : ''}
        </p>
        <div className="editor-bar-actions">
          {page && (
            <a className="button" href={page.url} target="_blank" rel="noreferrer">
              View page
            </a>
          )}
          <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving} aria-keyshortcuts="Control+S Meta+S">
            {page ? 'Save' : 'Create page'}
          </button>
        </div>
      </div>
      {error != null && !fieldError('title') && !fieldError('slug') && <ErrorNotice>{errorMessage(error)}</ErrorNotice>}

      <div className="editor-columns">
        <div className="writing">
          <TextField label="Title" className="headline-field" value={form.title} onChange={(title) => update({ title })} required maxLength={120} autoFocus={!page} error={fieldError('title')} />
          <div className="field">
            <div className="field-label-row">
              <span className="label" id="page-body-label">
                Body
              </span>
            </div>
            <BodyEditor key={page?.id ?? 'new'} initial={page?.body ?? EMPTY_BODY} editable onChange={bodyChanged} onReady={bodyReady} labelId="page-body-label" placeholder="Write the page…" />
          </div>
        </div>
        <div className="story-sidebar">
          <section className="panel" aria-labelledby="page-settings-title">
            <h2 id="page-settings-title" className="panel-title">
              Address and footer
            </h2>
            <TextField
              label="Slug"
              value={form.slug}
              onChange={(slug) => update({ slug })}
              maxLength={96}
              error={fieldError('slug')}
              hint={slugChanged ? 'Changing the address breaks links to the old one.' : page ? `The page is at /${page.slug}.` : 'The page’s address: /slug. Leave empty to make one from the title.'}
            />
            <Checkbox label="Link from the site footer" checked={form.inFooter} onChange={(inFooter) => update({ inFooter })} />
            <TextField label="Position" type="number" min={0} max={10000} value={form.position} onChange={(position) => update({ position })} hint="Lower numbers come first in the footer. Empty puts a new page last." />
          </section>
        </div>
      </div>
    </div>
  );
}
