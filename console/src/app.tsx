import type { Me } from './api/types.ts';
import { SignIn } from './auth/sign-in.tsx';
import { useSession } from './auth/use-session.ts';
import { ConfigBanner } from './config/config-banner.tsx';
import { HeartbeatsPage } from './heartbeats/heartbeats-page.tsx';
import { IncidentPage } from './incidents/incident-page.tsx';
import { IncidentsPage } from './incidents/incidents-page.tsx';
import { MaintenancePage } from './maintenance/maintenance-page.tsx';
import { NotificationPage } from './notifications/notification-page.tsx';
import { NotificationsPage } from './notifications/notifications-page.tsx';
import { PostmortemPage } from './postmortems/postmortem-page.tsx';
import { SchedulePage } from './oncall/schedule-page.tsx';
import { SchedulesPage } from './oncall/schedules-page.tsx';
import { Link } from './router/link.tsx';
import { useLocation } from './router/router.ts';
import { RoutinesPage } from './routines/routines-page.tsx';
import { TaskPage } from './routines/task-page.tsx';
import { RunPage } from './runbooks/run-page.tsx';
import { RunbookPage } from './runbooks/runbook-page.tsx';
import { RunbooksPage } from './runbooks/runbooks-page.tsx';
import { ServicePage } from './services/service-page.tsx';
import { ServicesPage } from './services/services-page.tsx';
import { SilencesPage } from './silences/silences-page.tsx';

/** A hand-typed URL with a stray "%" must show "not found", not crash the app. */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function Route({ path, me }: { path: string; me: Me | undefined }) {
  if (path === '/' || path === '/services') return <ServicesPage />;
  const service = /^\/services\/([^/]+)\/?$/.exec(path);
  if (service?.[1]) {
    const id = safeDecode(service[1]);
    if (id !== undefined) return <ServicePage key={id} id={id} />;
  }
  if (path === '/incidents' || path === '/incidents/') return <IncidentsPage />;
  const incident = /^\/incidents\/(\d+)\/?$/.exec(path);
  if (incident?.[1]) return <IncidentPage key={incident[1]} id={Number(incident[1])} me={me} />;
  const postmortem = /^\/incidents\/(\d+)\/postmortem\/?$/.exec(path);
  if (postmortem?.[1]) return <PostmortemPage key={postmortem[1]} id={Number(postmortem[1])} me={me} />;
  if (path === '/oncall' || path === '/oncall/') return <SchedulesPage />;
  const schedule = /^\/oncall\/([^/]+)\/?$/.exec(path);
  if (schedule?.[1]) {
    const id = safeDecode(schedule[1]);
    if (id !== undefined) return <SchedulePage key={id} id={id} me={me} />;
  }
  if (path === '/silences' || path === '/silences/') return <SilencesPage me={me} />;
  if (path === '/maintenance' || path === '/maintenance/') return <MaintenancePage me={me} />;
  if (path === '/heartbeats' || path === '/heartbeats/') return <HeartbeatsPage />;
  if (path === '/routines' || path === '/routines/') return <RoutinesPage />;
  const routineTask = /^\/routines\/tasks\/(\d+)\/?$/.exec(path);
  if (routineTask?.[1]) return <TaskPage key={routineTask[1]} id={Number(routineTask[1])} me={me} />;
  if (path === '/runbooks' || path === '/runbooks/') return <RunbooksPage />;
  if (path === '/runbooks/view') return <RunbookPage me={me} />;
  const run = /^\/runbook-runs\/(\d+)\/?$/.exec(path);
  if (run?.[1]) return <RunPage key={run[1]} id={Number(run[1])} me={me} />;
  if (path === '/notifications' || path === '/notifications/') return <NotificationsPage />;
  const notification = /^\/notifications\/(\d+)\/?$/.exec(path);
  if (notification?.[1]) return <NotificationPage key={notification[1]} id={Number(notification[1])} />;
  return (
    <main>
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link href="/">Go to services</Link>.
      </p>
    </main>
  );
}

function NavLink({ href, active, children }: { href: string; active: boolean; children: string }) {
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function App() {
  const session = useSession();
  const { path } = useLocation();

  if (!session.token) return <SignIn message={session.message} onSignedIn={session.signIn} />;

  return (
    <>
      <ConfigBanner />
      <header className="topbar">
        <Link href="/" className="brand">
          Opsdeck
        </Link>
        <nav aria-label="Main">
          <NavLink href="/" active={path === '/' || path.startsWith('/services')}>
            Services
          </NavLink>
          <NavLink href="/incidents" active={path.startsWith('/incidents')}>
            Incidents
          </NavLink>
          <NavLink href="/oncall" active={path.startsWith('/oncall')}>
            On call
          </NavLink>
          <NavLink href="/silences" active={path.startsWith('/silences')}>
            Silences
          </NavLink>
          <NavLink href="/maintenance" active={path.startsWith('/maintenance')}>
            Maintenance
          </NavLink>
          <NavLink href="/heartbeats" active={path.startsWith('/heartbeats')}>
            Heartbeats
          </NavLink>
          <NavLink href="/runbooks" active={path.startsWith('/runbook')}>
            Runbooks
          </NavLink>
          <NavLink href="/routines" active={path.startsWith('/routines')}>
            Routines
          </NavLink>
          <NavLink href="/notifications" active={path.startsWith('/notifications')}>
            Notifications
          </NavLink>
        </nav>
        <span className="whoami" data-testid="whoami">
          {session.me ? (
            <>
              {session.me.name} <span className="muted">({session.me.role})</span>
            </>
          ) : (
            <span className="muted">…</span>
          )}
        </span>
        <button type="button" onClick={session.signOut}>
          Sign out
        </button>
      </header>
      <Route path={path} me={session.me} />
    </>
  );
}
