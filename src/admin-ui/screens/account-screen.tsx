import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import { useAnnounce } from '../components/announcer.js';
import { TextField } from '../components/field.js';
import { ErrorNotice } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { ROLE_LABELS } from '../lib/roles.js';
import { useTitle } from '../lib/use-load.js';

const EMPTY = { current: '', next: '', confirm: '' };

/** Your own account: who you are, and a new password (the current one is required). */
export function AccountScreen() {
  useTitle('Your account');
  const api = useApi();
  const { user } = useSession();
  const announce = useAnnounce();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The message shows once, announced (role=alert); the field it is about is marked invalid.
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (form.next !== form.confirm) {
      setError({ field: 'confirm', message: 'The two new passwords are not the same.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { ended } = await api.account.changePassword(form.current, form.next);
      const message = `Your password is changed. You stay signed in here${ended ? `; ${ended === 1 ? 'your other session has' : `your ${ended} other sessions have`} ended` : ''}.`;
      setForm(EMPTY);
      setDone(message);
      announce('Password changed');
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError({ field: null, message: 'Too many wrong passwords. For your security, try again in a few minutes.' });
      else setError({ field: err instanceof ApiError ? (err.field ?? null) : null, message: err instanceof ApiError && err.field ? err.message : errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email} · ${ROLE_LABELS[user.role]}`} />
      <form className="settings-form" onSubmit={submit}>
        <h2>Change your password</h2>
        {done && (
          <div role="status" className="notice notice-info">
            {done}
          </div>
        )}
        {error && <ErrorNotice>{error.message}</ErrorNotice>}
        <TextField label="Current password" type="password" value={form.current} onChange={(current) => setForm((f) => ({ ...f, current }))} required autoComplete="current-password" aria-invalid={invalid('currentPassword')} />
        <TextField label="New password" type="password" value={form.next} onChange={(next) => setForm((f) => ({ ...f, next }))} required minLength={10} autoComplete="new-password" hint="At least 10 characters. Your other sessions end when you save it." aria-invalid={invalid('newPassword')} />
        <TextField label="Confirm new password" type="password" value={form.confirm} onChange={(confirm) => setForm((f) => ({ ...f, confirm }))} required autoComplete="new-password" aria-invalid={invalid('confirm')} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
