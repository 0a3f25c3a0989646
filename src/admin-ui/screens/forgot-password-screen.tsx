import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import { AuthCard } from '../components/auth-card.js';
import { TextField } from '../components/field.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/notice.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';

function requestError(err: unknown): string {
  if (err instanceof ApiError && err.status === 429) {
    const minutes = err.retryAfter ? Math.ceil(err.retryAfter / 60) : null;
    return `Too many reset requests. Try again ${minutes ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later'}.`;
  }
  return errorMessage(err);
}

/**
 * "Forgot your password?": with mail, asks for the address and sends a one-time link; the
 * answer is the same whether or not an account uses it. Without mail, says who can help.
 */
export function ForgotPasswordScreen() {
  useTitle('Forgot your password?');
  const api = useApi();
  const mail = useLoad(() => api.account.resetByMail(), []);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.account.requestReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      setError(requestError(err));
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <p className="auth-aside">
      <Link href="/admin/sign-in">Back to sign in</Link>
    </p>
  );
  let body;
  if (mail.loading) body = <Loading />;
  else if (mail.error) body = <ErrorNotice>{errorMessage(mail.error)}</ErrorNotice>;
  else if (!mail.data?.byMail) {
    body = (
      <>
        <InfoNotice>This newsroom does not send e-mail. Ask an administrator to make you a password reset link: they find it on the Users screen.</InfoNotice>
        {back}
      </>
    );
  } else if (sentTo) {
    body = (
      <>
        <div role="status" className="notice notice-info">
          If an account uses {sentTo}, we have sent it a link to choose a new password. The link works once, for one hour.
        </div>
        {back}
      </>
    );
  } else {
    body = (
      <>
        <p>Type the e-mail address you sign in with. We will send it a link to choose a new password.</p>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} required autoFocus />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Sending…' : 'Send reset link'}
        </button>
        {back}
      </>
    );
  }
  return (
    <AuthCard title="Forgot your password?" onSubmit={submit}>
      {body}
    </AuthCard>
  );
}
