/**
 * The editor screen's state and its autosave. Changes are collected per field
 * and saved ~1.5 s after typing stops with PATCH + the version they are based
 * on; only one save runs at a time. A 409 VERSION_CONFLICT stops autosave
 * until the person chooses: reload the other version, or overwrite it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { Article, ConflictInfo, DocNode } from '../api/types.js';
import { ALL_KEYS, buildInput, formFromArticle, formProblems, type FormKey, type StoryForm } from './story-form.js';

export type SaveState = 'new' | 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';

export const AUTOSAVE_DELAY_MS = 1500;
const EMPTY_DOC: DocNode = { type: 'doc', content: [] };

export interface StoryDocumentOptions {
  articleId: string | null;
  /** For a new story: the form to start from (null while its defaults load). */
  newForm: StoryForm | null;
  onCreated: (article: Article) => void;
}

export function useStoryDocument({ articleId, newForm, onCreated }: StoryDocumentOptions) {
  const api = useApi();
  const [article, setArticle] = useState<Article | null>(null);
  const [form, setForm] = useState<StoryForm | null>(null);
  const [initialBody, setInitialBody] = useState<DocNode>(EMPTY_DOC);
  const [bodyKey, setBodyKey] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveState, setSaveState] = useState<SaveState>(articleId ? 'saved' : 'new');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);

  const formRef = useRef<StoryForm | null>(null);
  const articleRef = useRef<Article | null>(null);
  const pending = useRef(new Set<FormKey>());
  const getBody = useRef<(() => DocNode) | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const inConflict = useRef(false);
  const onCreatedRef = useRef(onCreated);
  onCreatedRef.current = onCreated;

  /** Shows a stored article: the form, the body editor (remounted) and a clean slate. */
  const reset = useCallback((next: Article) => {
    articleRef.current = next;
    formRef.current = formFromArticle(next);
    pending.current.clear();
    inConflict.current = false;
    setArticle(next);
    setForm(formRef.current);
    setInitialBody(next.body ?? EMPTY_DOC);
    setBodyKey((k) => k + 1);
    setConflict(null);
    setSaveError(null);
    setSaveState('saved');
  }, []);

  useEffect(() => {
    if (!articleId || articleRef.current?.id === articleId) return;
    let alive = true;
    api.articles.get(articleId).then(
      (loaded) => alive && reset(loaded),
      (err: unknown) => alive && setLoadError(err),
    );
    return () => {
      alive = false;
    };
  }, [api, articleId, reset]);

  useEffect(() => {
    if (articleId || formRef.current || !newForm) return;
    formRef.current = newForm;
    setForm(newForm);
  }, [articleId, newForm]);

  /** After a save or a workflow action: new version and metadata; the form is left as typed. */
  const applySaved = useCallback((saved: Article) => {
    articleRef.current = saved;
    setArticle(saved);
  }, []);

  /** Saves what is pending. Typing's timer passes `autosave`; a Save button or a workflow action does not. */
  const save = useCallback(async (options: { autosave?: boolean } = {}): Promise<boolean> => {
    window.clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    if (inConflict.current) return false;
    const current = formRef.current;
    const existing = articleRef.current;
    if (!current || pending.current.size === 0) return true;
    // Values the server would refuse are not sent; the status says what to fix.
    const problem = Object.values(formProblems(current))[0];
    if (problem) {
      setSaveState('dirty');
      setSaveError(problem);
      return false;
    }
    const keys = existing ? new Set(pending.current) : new Set(ALL_KEYS);
    pending.current.clear();
    const input = buildInput(current, keys, () => getBody.current?.());
    setSaveState('saving');
    const run = (async () => {
      try {
        const saved = existing ? await api.articles.update(existing.id, { ...input, version: existing.version, ...(options.autosave ? { autosave: true } : {}) }) : await api.articles.create(input);
        applySaved(saved);
        if (!existing) {
          // The server chose the slug; show it unless one was typed meanwhile.
          if (formRef.current && !formRef.current.slug) {
            formRef.current = { ...formRef.current, slug: saved.slug };
            setForm(formRef.current);
          }
          onCreatedRef.current(saved);
        }
        setSaveError(null);
        if (pending.current.size) {
          setSaveState('dirty');
          timer.current = window.setTimeout(() => void save({ autosave: true }), AUTOSAVE_DELAY_MS);
        } else setSaveState('saved');
        return true;
      } catch (err) {
        for (const key of keys) pending.current.add(key);
        if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
          inConflict.current = true;
          setConflict((err.details.current as ConflictInfo | undefined) ?? { version: existing?.version ?? 0, modifiedAt: '', modifiedBy: null });
          setSaveState('conflict');
        } else {
          setSaveState('failed');
          setSaveError(errorMessage(err));
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [api, applySaved]);

  const markDirty = useCallback(
    (key: FormKey) => {
      pending.current.add(key);
      if (inConflict.current) return;
      setSaveState('dirty');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save({ autosave: true }), AUTOSAVE_DELAY_MS);
    },
    [save],
  );

  const update = useCallback(
    (change: Partial<StoryForm>) => {
      if (!formRef.current) return;
      formRef.current = { ...formRef.current, ...change };
      setForm(formRef.current);
      for (const key of Object.keys(change) as FormKey[]) markDirty(key);
    },
    [markDirty],
  );

  const bodyChanged = useCallback(() => markDirty('body'), [markDirty]);
  const bodyReady = useCallback((getter: () => DocNode) => {
    getBody.current = getter;
  }, []);

  /** Conflict: drop local changes and show the version someone else saved. */
  const reloadFromServer = useCallback(async () => {
    const id = articleRef.current?.id;
    if (!id) return;
    reset(await api.articles.get(id));
  }, [api, reset]);

  /** Conflict: write the changed fields over the other version, knowingly. */
  const overwrite = useCallback(async () => {
    const existing = articleRef.current;
    if (!existing || !conflict) return false;
    articleRef.current = { ...existing, version: conflict.version };
    inConflict.current = false;
    setConflict(null);
    return save();
  }, [conflict, save]);

  // Leaving the screen saves what is pending; closing the tab with unsaved work asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current.size === 0 && !inFlight.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(timer.current);
      if (pending.current.size && articleRef.current && !inConflict.current) void save({ autosave: true });
    };
  }, [save]);

  const dirty = saveState !== 'saved' && saveState !== 'new';
  return {
    article,
    form,
    initialBody,
    bodyKey,
    loadError,
    saveState,
    saveError,
    conflict,
    dirty,
    update,
    bodyChanged,
    bodyReady,
    save,
    applySaved,
    reset,
    reloadFromServer,
    overwrite,
    /** The newest known article (with its version), even between renders. */
    latest: () => articleRef.current,
    /** The body as typed right now (the editor's, else the stored one). */
    currentBody: () => getBody.current?.() ?? articleRef.current?.body ?? EMPTY_DOC,
  };
}

export type StoryDocument = ReturnType<typeof useStoryDocument>;
