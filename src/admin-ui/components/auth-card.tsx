import type { FormEvent, ReactNode } from 'react';

/** The signed-out screens' frame (invitation, reset, forgot password): the brand, a heading and a form. */
export function AuthCard({ title, onSubmit, children }: { title: string; onSubmit?: (event: FormEvent) => void; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <form className="auth-card" onSubmit={onSubmit ?? ((event) => event.preventDefault())}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          <span>Dateline</span>
        </div>
        <h1>{title}</h1>
        {children}
      </form>
    </main>
  );
}
