import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiProvider, SessionProvider, type SessionState } from './api/api-context.js';
import { createApi } from './api/create-api.js';
import { ApiError, createHttp } from './api/http.js';
import type { SessionUser } from './api/types.js';
import { AnnouncerProvider } from './components/announcer.js';
import { Loading } from './components/notice.js';
import { setSiteTimeZone } from './lib/format.js';
import { navigate, useLocation } from './router/router.js';
import { Routes } from './routes.js';
import { ForgotPasswordScreen } from './screens/forgot-password-screen.js';
import { PasswordLinkScreen } from './screens/password-link-screen.js';
import { SetupScreen } from './screens/setup-screen.js';
import { SignInScreen } from './screens/sign-in-screen.js';

type Phase = { kind: 'checking' } | { kind: 'signed-out'; notice: string | null } | { kind: 'signed-in'; user: SessionUser };

/** The app root: checks the session once, then shows sign-in, setup or the desk. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const location = useLocation();
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const api = useMemo(
    () =>
      createApi(
        createHttp({
          onUnauthorized: () => {
            if (phaseRef.current.kind !== 'signed-in') return;
            setPhase({ kind: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' });
            const here = window.location.pathname + window.location.search;
            navigate(`/admin/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
          },
        }),
      ),
    [],
  );

  useEffect(() => {
    // Dates in the desk are the site's: learn its time zone before any screen shows one
    // (if that fails, the browser's zone is used and the hints say so).
    const site = api.session.site().then((info) => setSiteTimeZone(info.timeZone), () => {});
    void site.then(() => api.session.current()).then(
      (session) => {
        api.http.setCsrfToken(session.csrfToken);
        setPhase({ kind: 'signed-in', user: session.user });
      },
      (err: unknown) => {
        const notice = err instanceof ApiError && err.status === 401 ? null : 'The server could not be reached. Reload the page to try again.';
        setPhase({ kind: 'signed-out', notice });
      },
    );
  }, [api]);

  const signOut = useCallback(
    async (everywhere = false) => {
      try {
        await (everywhere ? api.session.signOutEverywhere() : api.session.signOut());
      } finally {
        api.http.setCsrfToken(null);
        setPhase({ kind: 'signed-out', notice: everywhere ? 'You are signed out on every device.' : 'You are signed out.' });
        navigate('/admin/sign-in', { replace: true });
      }
    },
    [api],
  );

  const onSignedIn = useCallback(
    (user: SessionUser, csrfToken: string | null) => {
      api.http.setCsrfToken(csrfToken);
      setPhase({ kind: 'signed-in', user });
      const next = new URLSearchParams(window.location.search).get('next');
      const safeNext = next && next.startsWith('/admin/') && !next.startsWith('/admin/sign-in') ? next : '/admin/stories';
      navigate(safeNext, { replace: true });
    },
    [api],
  );

  const session: SessionState | null = useMemo(
    () => (phase.kind === 'signed-in' ? { api, user: phase.user, signOut } : null),
    [api, phase, signOut],
  );

  let content;
  if (location.pathname === '/admin/setup') {
    content = <SetupScreen token={location.search.get('token') ?? ''} onSignedIn={onSignedIn} />;
  } else if (location.pathname === '/admin/invite' || location.pathname === '/admin/reset') {
    // One-time links work signed in or out: using one signs in as the link's account.
    const purpose = location.pathname === '/admin/invite' ? 'invite' : 'reset';
    content = <PasswordLinkScreen key={purpose} purpose={purpose} token={location.search.get('token') ?? ''} onSignedIn={onSignedIn} />;
  } else if (location.pathname === '/admin/forgot-password' && phase.kind !== 'signed-in') {
    content = <ForgotPasswordScreen />;
  } else if (phase.kind === 'checking') {
    content = <Loading label="Opening the desk…" />;
  } else if (phase.kind === 'signed-out' || !session) {
    content = <SignInScreen notice={phase.kind === 'signed-out' ? phase.notice : null} onSignedIn={onSignedIn} />;
  } else {
    content = (
      <SessionProvider value={session}>
        <Routes />
      </SessionProvider>
    );
  }

  return (
    <ApiProvider api={api}>
      <AnnouncerProvider>{content}</AnnouncerProvider>
    </ApiProvider>
  );
}
