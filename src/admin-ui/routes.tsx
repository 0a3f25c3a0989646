import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useSession } from './api/api-context.js';
import type { Role } from './api/types.js';
import { Layout } from './components/layout.js';
import { Loading } from './components/notice.js';
import { PageHeader } from './components/page-header.js';
import { atLeast } from './lib/roles.js';
import { editorKey } from './router/editor-session.js';
import { Link } from './router/link.js';
import { matchPath, navigate, useLocation } from './router/router.js';
import { AccountScreen } from './screens/account-screen.js';
import { ApiKeysScreen } from './screens/api-keys-screen.js';
import { FrontPageScreen } from './screens/front-page-screen.js';
import { IncomingScreen } from './screens/incoming-screen.js';
import { SourcesScreen } from './screens/sources-screen.js';
import { MediaScreen } from './screens/media-screen.js';
import { PeopleScreen } from './screens/people-screen.js';
import { ReviewQueueScreen } from './screens/review-queue-screen.js';
import { SectionsScreen } from './screens/sections-screen.js';
import { SettingsScreen } from './screens/settings-screen.js';
import { StaticPagesScreen } from './screens/static-pages-screen.js';
import { StoryListScreen } from './screens/story-list-screen.js';
import { TagsScreen } from './screens/tags-screen.js';
import { UsersScreen } from './screens/users-screen.js';

// TipTap and ProseMirror are most of the desk's weight: only the editor route loads them.
const StoryEditorScreen = lazy(() => import('./story/story-editor-screen.js').then((m) => ({ default: m.StoryEditorScreen })));
// Charts (uPlot) load with the analytics screen only.
const AnalyticsScreen = lazy(() => import('./screens/analytics-screen.js').then((m) => ({ default: m.AnalyticsScreen })));
// The page editor uses the same rich-text body editor, so it is loaded lazily too.
const StaticPageEditorScreen = lazy(() => import('./screens/static-page-editor-screen.js').then((m) => ({ default: m.StaticPageEditorScreen })));

interface Route {
  path: string;
  minimum: Role;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { path: '/admin/stories', minimum: 'contributor', render: () => <StoryListScreen /> },
  { path: '/admin/stories/new', minimum: 'contributor', render: () => <StoryEditorScreen key={editorKey(null)} articleId={null} /> },
  { path: '/admin/stories/:id', minimum: 'contributor', render: (p) => <StoryEditorScreen key={editorKey(p.id!)} articleId={p.id!} /> },
  { path: '/admin/review', minimum: 'editor', render: () => <ReviewQueueScreen /> },
  { path: '/admin/front-page', minimum: 'editor', render: () => <FrontPageScreen /> },
  { path: '/admin/incoming', minimum: 'editor', render: () => <IncomingScreen /> },
  { path: '/admin/sources', minimum: 'editor', render: () => <SourcesScreen /> },
  { path: '/admin/analytics', minimum: 'editor', render: () => <AnalyticsScreen /> },
  { path: '/admin/media', minimum: 'contributor', render: () => <MediaScreen selectedId={null} /> },
  { path: '/admin/media/:id', minimum: 'contributor', render: (p) => <MediaScreen selectedId={p.id!} /> },
  { path: '/admin/people', minimum: 'editor', render: () => <PeopleScreen /> },
  { path: '/admin/sections', minimum: 'editor', render: () => <SectionsScreen /> },
  { path: '/admin/tags', minimum: 'editor', render: () => <TagsScreen /> },
  { path: '/admin/pages', minimum: 'editor', render: () => <StaticPagesScreen /> },
  { path: '/admin/pages/new', minimum: 'editor', render: () => <StaticPageEditorScreen key="new" pageId={null} /> },
  { path: '/admin/pages/:id', minimum: 'editor', render: (p) => <StaticPageEditorScreen key={p.id!} pageId={p.id!} /> },
  { path: '/admin/users', minimum: 'admin', render: () => <UsersScreen /> },
  { path: '/admin/api-keys', minimum: 'admin', render: () => <ApiKeysScreen /> },
  { path: '/admin/settings', minimum: 'admin', render: () => <SettingsScreen /> },
  { path: '/admin/account', minimum: 'contributor', render: () => <AccountScreen /> },
];

const HOME = '/admin/stories';

function find(pathname: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** After an in-app navigation, focus moves to the new screen's heading so screen readers hear where they are. */
function useFocusOnNavigate(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const main = document.getElementById('main');
      if (!main || main.contains(document.activeElement)) return;
      const heading = main.querySelector<HTMLElement>('h1[tabindex="-1"]');
      (heading ?? main).focus({ preventScroll: false });
    }, 60);
    return () => window.clearTimeout(timer);
  }, [pathname]);
}

export function Routes() {
  const { user } = useSession();
  const { pathname } = useLocation();
  useFocusOnNavigate(pathname);

  const redirect = pathname === '/admin' || pathname === '/' || pathname === '/admin/sign-in';
  useEffect(() => {
    if (redirect) navigate(HOME, { replace: true });
  }, [redirect]);
  if (redirect) return null;

  const match = find(pathname);
  let content: ReactNode;
  if (!match) {
    content = (
      <>
        <PageHeader title="Page not found" />
        <p>
          There is nothing at this address. <Link href={HOME}>Go to stories</Link>
        </p>
      </>
    );
  } else if (!atLeast(user.role, match.route.minimum)) {
    content = (
      <>
        <PageHeader title="Not available" />
        <p>Your role does not give access to this screen. Ask an administrator if you need it.</p>
      </>
    );
  } else {
    content = match.route.render(match.params);
  }

  return (
    <Layout>
      <Suspense fallback={<Loading label="Loading the editor…" />}>{content}</Suspense>
    </Layout>
  );
}
