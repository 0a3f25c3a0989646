import type { ReactNode } from 'react';

/** An error the person must notice: announced at once by screen readers. */
export function ErrorNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      {children}
    </div>
  );
}

export function InfoNotice({ children }: { children: ReactNode }) {
  return <div className="notice notice-info">{children}</div>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
