import { useState, type FormEvent, type ReactNode } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { SessionUser } from '../api/types.js';
import { AuthCard } from '../components/auth-card.js';
import { TextField } from '../components/field.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';

export interface PasswordLinkScreenProps {
  /** Which address the link came in on: /admin/invite or /admin/reset. */
  purpose: 'invite' | 'reset';
  token: string;
  onSignedIn: (user: SessionUser, csrfToken: string | null) => void;
}

const PASSWORD_HINT = 'At least 10 characters. A few unrelated words make a strong password.';

/** Why a link cannot be used, in words, with the way forward. */
function linkProblem(err: unknown, purpose: 'invite' | 'reset'): ReactNode {
  const askAgain =
    purpose === 'invite' ? (
      <>Ask the administrator who invited you to send a new invitation.</>
    ) : (
      <>
        <Link href="/admin/forgot-password">Ask for a new reset link</Link>.
      </>
    );
  if (!(err instanceof ApiError)) return errorMessage(err);
  switch (err.code) {
    case 'ACCOUNT_TOKEN_EXPIRED':
      return <>This link has expired. {askAgain}</>;
    case 'ACCOUNT_TOKEN_USED':
      return (
        <>
          This link has been used already. <Link href="/admin/sign-in">Sign in</Link> with your password, or {purpose === 'invite' ? 'ask for a new invitation' : 'ask for a new link'}.
        </>
      );
    case 'ACCOUNT_TOKEN_INVALID':
    case 'VALIDATION_FAILED':
      return <>This link is not valid: a newer link may have replaced it. {askAgain}</>;
    default:
      return errorMessage(err);
  }
}

/**
 * Where an invitation or a reset link lands: says whose account it opens, takes the new
 * password twice, and signs in. A link works once, so every refusal says what to do next.
 */
export function PasswordLinkScreen({ purpose, token, onSignedIn }: PasswordLinkScreenProps) {
  useTitle(purpose === 'invite' ? 'Accept your invitation' : 'Choose a new password');
  const api = useApi();
  const link = useLoad(() => (token ? api.account.checkLink(token) : Promise.reject(new ApiError(400, { error: { code: 'ACCOUNT_TOKEN_INVALID' } }))), [token]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  const kind = link.data?.purpose ?? purpose;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.account.useLink(token, password);
      onSignedIn(session.user, session.csrfToken);
    } catch (err) {
      setError(err instanceof ApiError && err.code.startsWith('ACCOUNT_TOKEN_') ? linkProblem(err, kind) : errorMessage(err));
      setBusy(false);
    }
  }

  let body: ReactNode;
  if (link.loading) body = <Loading label="Checking your link…" />;
  else if (link.error || !link.data) body = <ErrorNotice>{linkProblem(link.error, purpose)}</ErrorNotice>;
  else {
    const { name, email, expiresAt } = link.data;
    body = (
      <>
        {kind === 'invite' ? (
          <p>
            Welcome, {name}. Choose a password to finish setting up your account. This invitation works until {formatDateTime(expiresAt)}.
          </p>
        ) : (
          <p>Choose a new password for your account. Every other session of yours ends when you save it.</p>
        )}
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <TextField label="Email" type="email" value={email} onChange={() => {}} readOnly autoComplete="username" />
        <TextField label="New password" type="password" value={password} onChange={setPassword} required minLength={10} autoComplete="new-password" hint={PASSWORD_HINT} autoFocus />
        <TextField label="Confirm new password" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Saving…' : kind === 'invite' ? 'Set password and sign in' : 'Save password and sign in'}
        </button>
      </>
    );
  }

  return (
    <AuthCard title={kind === 'invite' ? 'Accept your invitation' : 'Choose a new password'} onSubmit={submit}>
      {body}
    </AuthCard>
  );
}
