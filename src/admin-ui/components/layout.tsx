import type { ReactNode } from 'react';
import { useSession } from '../api/api-context.js';
import { ROLE_LABELS, atLeast } from '../lib/roles.js';
import type { Role } from '../api/types.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';

interface NavItem {
  href: string;
  label: string;
  minimum: Role;
}

const NAV: { heading: string; items: NavItem[] }[] = [
  {
    heading: 'Newsroom',
    items: [
      { href: '/admin/stories', label: 'Stories', minimum: 'contributor' },
      { href: '/admin/review', label: 'Review queue', minimum: 'editor' },
      { href: '/admin/incoming', label: 'Incoming', minimum: 'editor' },
      { href: '/admin/front-page', label: 'Front page', minimum: 'editor' },
      { href: '/admin/analytics', label: 'Analytics', minimum: 'editor' },
      { href: '/admin/media', label: 'Media library', minimum: 'contributor' },
    ],
  },
  {
    heading: 'Directory',
    items: [
      { href: '/admin/people', label: 'People', minimum: 'editor' },
      { href: '/admin/sections', label: 'Sections', minimum: 'editor' },
      { href: '/admin/tags', label: 'Tags', minimum: 'editor' },
      { href: '/admin/pages', label: 'Pages', minimum: 'editor' },
      { href: '/admin/sources', label: 'Sources', minimum: 'editor' },
    ],
  },
  {
    heading: 'Administration',
    items: [
      { href: '/admin/users', label: 'Users', minimum: 'admin' },
      { href: '/admin/api-keys', label: 'API keys', minimum: 'admin' },
      { href: '/admin/settings', label: 'Settings', minimum: 'admin' },
    ],
  },
];

function isCurrent(href: string, pathname: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The desk's frame: skip link, role-aware navigation, and the main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          <span>Dateline</span>
        </div>
        <nav aria-label="Main">
          {NAV.map((group) => {
            const items = group.items.filter((item) => atLeast(user.role, item.minimum));
            if (items.length === 0) return null;
            return (
              <div key={group.heading} className="nav-group">
                <h2 className="nav-heading">{group.heading}</h2>
                <ul>
                  {items.map((item) => (
                    <li key={item.href}>
                      <Link href={item.href} className="nav-link" aria-current={isCurrent(item.href, pathname) ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="account">
          <p className="account-name">{user.name}</p>
          <p className="account-role">
            {ROLE_LABELS[user.role]} · {user.email}
          </p>
          <div className="account-actions">
            <Link href="/admin/account" className="button button-small button-quiet" aria-current={pathname === '/admin/account' ? 'page' : undefined}>
              Your account
            </Link>
            <button type="button" className="button button-small" onClick={() => void signOut(false)}>
              Sign out
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => void signOut(true)}>
              Sign out everywhere
            </button>
          </div>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
