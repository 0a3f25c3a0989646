import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { SessionUser } from '../api/types.js';
import { TextField } from '../components/field.js';
import { ErrorNotice, InfoNotice } from '../components/notice.js';
import { useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';

export interface SignInScreenProps {
  notice: string | null;
  onSignedIn: (user: SessionUser, csrfToken: string | null) => void;
}

function signInError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429) {
      const wait = err.retryAfter ? ` in ${Math.ceil(err.retryAfter / 60) > 1 ? `${Math.ceil(err.retryAfter / 60)} minutes` : `${err.retryAfter} seconds`}` : ' in a few minutes';
      return `Too many sign-in attempts. For your security, sign-in is paused — try again${wait}.`;
    }
    if (err.status === 401 || err.code === 'INVALID_CREDENTIALS') return 'That email and password do not match an active account.';
  }
  return errorMessage(err);
}

export function SignInScreen({ notice, onSignedIn }: SignInScreenProps) {
  useTitle('Sign in');
  const api = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.session.signIn(email.trim(), password);
      onSignedIn(session.user, session.csrfToken);
    } catch (err) {
      setError(signInError(err));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="auth-page">
      <form className="auth-card" onSubmit={submit} noValidate={false}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          <span>Dateline</span>
        </div>
        <h1>Sign in to the desk</h1>
        {notice && <InfoNotice>{notice}</InfoNotice>}
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} required autoFocus />
        <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} required />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="auth-aside">
          <Link href="/admin/forgot-password">Forgot your password?</Link>
        </p>
      </form>
    </main>
  );
}
