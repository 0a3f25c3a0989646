import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { SessionUser } from '../api/types.js';
import { TextField } from '../components/field.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/notice.js';
import { Link } from '../router/link.js';
import { useLoad, useTitle } from '../lib/use-load.js';

export interface SetupScreenProps {
  token: string;
  onSignedIn: (user: SessionUser, csrfToken: string | null) => void;
}

/** First run: the setup link from the server log creates the first administrator. */
export function SetupScreen({ token, onSignedIn }: SetupScreenProps) {
  useTitle('Set up Dateline');
  const api = useApi();
  const check = useLoad(() => (token ? api.session.setupNeeded(token) : Promise.reject(new Error('missing token'))), [token]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.session.setup({ token, email: email.trim(), name: name.trim(), password });
      onSignedIn(session.user, session.csrfToken);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  let body;
  if (check.loading) body = <Loading />;
  else if (check.error || !check.data) {
    const invalid = !token || (check.error instanceof ApiError && check.error.status < 500);
    body = <ErrorNotice>{invalid ? 'This setup link is not valid. Use the link printed in the server log when Dateline first started.' : errorMessage(check.error)}</ErrorNotice>;
  } else if (!check.data.needed) {
    body = (
      <InfoNotice>
        Dateline is already set up. <Link href="/admin/sign-in">Sign in</Link>
      </InfoNotice>
    );
  } else {
    body = (
      <>
        <p>Create the first administrator account. You can invite everyone else from the Users screen.</p>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <TextField label="Name" value={name} onChange={setName} required autoComplete="name" />
        <TextField label="Email" type="email" value={email} onChange={setEmail} required autoComplete="username" />
        <TextField label="Password" type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint="At least 10 characters. A few unrelated words make a strong password." minLength={10} />
        <TextField label="Confirm password" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </>
    );
  }

  return (
    <main id="main" className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          <span>Dateline</span>
        </div>
        <h1>Set up Dateline</h1>
        {body}
      </form>
    </main>
  );
}
