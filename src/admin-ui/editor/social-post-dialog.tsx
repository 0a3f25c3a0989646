import { useEffect, useState, type FormEvent } from 'react';
import { safeWebUrl } from '../../doc/safe-url.js';
import { Dialog } from '../components/dialog.js';
import { SelectField, TextArea, TextField } from '../components/field.js';
import { fromLocalInput, toLocalInput } from '../lib/format.js';
import { SOCIAL_NETWORKS } from './doc-mapping.js';
import type { SocialPostAttrs } from './editor-actions.js';
import { NETWORK_LABELS } from './social-post-node.js';

export interface SocialPostDialogProps {
  open: boolean;
  initial: SocialPostAttrs | null;
  onSave: (attrs: SocialPostAttrs) => void;
  onClose: () => void;
  restoreFocus: () => void;
}

const EMPTY: SocialPostAttrs = { network: 'x', author: '', handle: null, url: null, text: '', postedAt: null };
const NETWORK_OPTIONS = SOCIAL_NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] ?? n }));

/** The form behind a quoted social post: the words are stored, never an embed. */
export function SocialPostDialog({ open, initial, onSave, onClose, restoreFocus }: SocialPostDialogProps) {
  const [form, setForm] = useState({ network: 'x', author: '', handle: '', url: '', text: '', postedAt: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!open) return;
    const start = initial ?? EMPTY;
    setForm({ network: start.network, author: start.author, handle: start.handle ?? '', url: start.url ?? '', text: start.text, postedAt: toLocalInput(start.postedAt) });
    setErrors({});
  }, [open, initial]);

  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!form.author.trim()) found.author = 'Who posted it?';
    if (!form.text.trim()) found.text = 'Copy the words of the post.';
    if (form.url.trim() && !safeWebUrl(form.url.trim())) found.url = 'Use the post’s https:// address.';
    if (form.postedAt && !fromLocalInput(form.postedAt)) found.postedAt = 'Enter a real date and time.';
    setErrors(found);
    if (Object.keys(found).length) return;
    onSave({
      network: form.network,
      author: form.author.trim(),
      handle: form.handle.trim() || null,
      url: safeWebUrl(form.url.trim()),
      text: form.text.trim(),
      postedAt: fromLocalInput(form.postedAt),
    });
  }

  return (
    <Dialog
      open={open}
      title={initial ? 'Edit quoted post' : 'Quote a social post'}
      onClose={onClose}
      restoreFocus={restoreFocus}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="social-post-form" className="button button-primary">
            {initial ? 'Update post' : 'Insert post'}
          </button>
        </>
      }
    >
      <form id="social-post-form" onSubmit={submit} className="stack" noValidate>
        <SelectField label="Network" value={form.network} onChange={(network) => set({ network })} options={NETWORK_OPTIONS} />
        <div className="field-pair">
          <TextField label="Author" value={form.author} onChange={(author) => set({ author })} error={errors.author} placeholder="e.g. Ministry of Health" required />
          <TextField label="Handle" value={form.handle} onChange={(handle) => set({ handle })} placeholder="@handle" />
        </div>
        <TextField label="Post URL" type="url" value={form.url} onChange={(url) => set({ url })} error={errors.url} placeholder="https://x.com/…/status/…" />
        <TextArea label="Post text" value={form.text} onChange={(text) => set({ text })} error={errors.text} rows={5} required />
        <TextField label="Posted at" type="datetime-local" value={form.postedAt} onChange={(postedAt) => set({ postedAt })} error={errors.postedAt} hint="In your local time." />
      </form>
    </Dialog>
  );
}
