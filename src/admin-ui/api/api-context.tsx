import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from './create-api.js';
import type { SessionUser } from './types.js';

export interface SessionState {
  api: Api;
  user: SessionUser;
  signOut: (everywhere?: boolean) => Promise<void>;
}

const ApiContext = createContext<Api | null>(null);
const SessionContext = createContext<SessionState | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function SessionProvider({ value, children }: { value: SessionState; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** The signed-in user and session actions; only used below the sign-in gate. */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
