import type { Me } from './api/types.ts';
import { SignIn } from './auth/sign-in.tsx';
import { useSession } from './auth/use-session.ts';
import { ConfigBanner } from './config/config-banner.tsx';
import { IncidentPage } from './incidents/incident-page.tsx';
import { IncidentsPage } from './incidents/incidents-page.tsx';
import { Link } from './router/link.tsx';
import { useLocation } from './router/router.ts';
import { ServicesPage } from './services/services-page.tsx';

function Route({ path, me }: { path: string; me: Me | undefined }) {
  if (path === '/' || path === '/services') return <ServicesPage />;
  if (path === '/incidents' || path === '/incidents/') return <IncidentsPage />;
  const incident = /^\/incidents\/(\d+)\/?$/.exec(path);
  if (incident?.[1]) return <IncidentPage key={incident[1]} id={Number(incident[1])} me={me} />;
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
          <NavLink href="/" active={path === '/' || path === '/services'}>
            Services
          </NavLink>
          <NavLink href="/incidents" active={path.startsWith('/incidents')}>
            Incidents
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
