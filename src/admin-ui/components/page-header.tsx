import type { ReactNode } from 'react';

/** The screen's title (the h1 that focus moves to after navigation) and its main actions. */
export function PageHeader({ title, children, description }: { title: string; children?: ReactNode; description?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}
