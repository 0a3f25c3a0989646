import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * Short confirmations ("Section created") shown briefly at the bottom of the
 * screen and read out by screen readers through a polite live region.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((text: string) => {
    window.clearTimeout(timer.current);
    setMessage('');
    // A fresh node each time so the same words are announced again.
    window.setTimeout(() => setMessage(text), 30);
    timer.current = window.setTimeout(() => setMessage(''), 5000);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {message && <div className="toast">{message}</div>}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
