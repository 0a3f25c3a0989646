import { useEffect, useState, type FormEvent } from 'react';
import { safeHref } from '../../doc/safe-url.js';
import { Dialog } from '../components/dialog.js';
import { TextField } from '../components/field.js';

export interface LinkDialogProps {
  open: boolean;
  initialHref: string;
  /** No text is selected: ask for the words to link as well. */
  needsText: boolean;
  onApply: (href: string, text: string) => void;
  onRemove: () => void;
  onClose: () => void;
  restoreFocus: () => void;
}

/**
 * Links may go to web pages (http, https), e-mail (mailto) or a page on this
 * site (/path, #anchor). A bare "example.com" becomes https://example.com.
 */
export function normaliseLink(input: string): { href: string } | { error: string } {
  let value = input.trim();
  if (!value) return { error: 'Enter a link address.' };
  if (/^[^\s/:@]+@[^\s/:@]+\.[^\s/:@]+$/.test(value)) value = `mailto:${value}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('/') && !value.startsWith('#') && /^[^\s/]+\.[^\s/]{2,}/.test(value)) value = `https://${value}`;
  const href = safeHref(value);
  if (!href || href.startsWith('tel:')) return { error: 'Use a web address (https://…), an e-mail address (mailto:…) or a path on this site (/…).' };
  return { href };
}

export function LinkDialog({ open, initialHref, needsText, onApply, onRemove, onClose, restoreFocus }: LinkDialogProps) {
  const [href, setHref] = useState(initialHref);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setHref(initialHref);
    setText('');
    setError(null);
  }, [open, initialHref]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = normaliseLink(href);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    onApply(result.href, text.trim() || result.href.replace(/^mailto:/, ''));
  }

  return (
    <Dialog
      open={open}
      title={initialHref ? 'Edit link' : 'Add link'}
      onClose={onClose}
      size="small"
      restoreFocus={restoreFocus}
      actions={
        <>
          {initialHref && (
            <button type="button" className="button button-danger-quiet" onClick={onRemove}>
              Remove link
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="link-form" className="button button-primary">
            Apply link
          </button>
        </>
      }
    >
      <form id="link-form" onSubmit={submit} className="stack" noValidate>
        <TextField label="Link address" value={href} onChange={setHref} placeholder="https://example.com/page" error={error} inputMode="url" autoComplete="off" />
        {needsText && <TextField label="Text to show" value={text} onChange={setText} hint="Leave empty to show the address itself." />}
      </form>
    </Dialog>
  );
}
