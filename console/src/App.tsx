// The console's frame: skip link, header (navigation, language switch, who is signed in, sign-out),
// and the page for the address. Signed out, every address shows the sign-in page.
import { useSessionQuery, SessionProvider, useSignOut } from './session';
import { useI18n } from './i18n';
import { Link, match, navigate, useLocation, BASE } from './router';
import { Loading } from './components/Loading';
import { ProblemMessage } from './components/forms';
import { SignIn } from './screens/SignIn';
import { Cohorts } from './screens/Cohorts';
import { CohortDashboard } from './screens/CohortDashboard';
import { Import } from './screens/Import';
import { Candidates } from './screens/Candidates';
import { Candidate } from './screens/Candidate';
import { Staff } from './screens/Staff';
import { Statistics } from './screens/Statistics';
import { Workload } from './screens/Workload';
import { BulkOperation } from './screens/BulkOperation';
import { Overdue } from './screens/Overdue';
import { Juries } from './screens/Juries';
import { Declarations } from './screens/Declarations';
import { useEffect, useRef } from 'react';

export function App() {
  const session = useSessionQuery();
  const { path } = useLocation();
  useEffect(() => {
    if (session.data === null && path !== `${BASE}/sign-in`) navigate(`${BASE}/sign-in`, true);
  }, [session.data, path]);
  if (session.isPending) return <Loading />;
  if (session.isError) return <main id="main"><ProblemMessage error={session.error} /></main>;
  if (!session.data || path === `${BASE}/sign-in`) {
    return (
      <>
        <Header />
        <SignIn />
      </>
    );
  }
  return (
    <SessionProvider me={session.data}>
      <Header />
      <Page />
    </SessionProvider>
  );
}

function Header() {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="top">
      <a className="skip" href="#main">{t.skip}</a>
      <p className="brand"><Link to={`${BASE}`}>{t.appName}</Link></p>
      <SignedInNav />
      <button type="button" className="lang" lang={lang === 'fr' ? 'en' : 'fr'} aria-label={t.switchLabel} onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>{t.switchTo}</button>
    </header>
  );
}

function SignedInNav() {
  const { t } = useI18n();
  const session = useSessionQuery();
  const me = session.data;
  if (!me) return null;
  return (
    <>
      <nav aria-label={t.nav.label}>
        <ul>
          <li><Link to={`${BASE}`}>{t.nav.cohorts}</Link></li>
          <li><Link to={`${BASE}/candidates`}>{t.nav.candidates}</Link></li>
          <li><Link to={`${BASE}/overdue`}>{t.ops.nav.overdue}</Link></li>
          <li><Link to={`${BASE}/juries`}>{t.ops.nav.juries}</Link></li>
          {(me.role === 'admin' || me.role === 'admissions') && <li><Link to={`${BASE}/declarations`}>{t.official.nav}</Link></li>}
          <li><Link to={`${BASE}/workload`}>{t.nav.workload}</Link></li>
          <li><Link to={`${BASE}/statistics`}>{t.nav.stats}</Link></li>
          {me.role === 'admin' && <li><Link to={`${BASE}/staff`}>{t.nav.staff}</Link></li>}
        </ul>
      </nav>
      <p className="me">{t.signedInAs} {me.name} ({t.roles[me.role]})</p>
      <SignOutButton />
    </>
  );
}

function SignOutButton() {
  const { t } = useI18n();
  const signOut = useSignOut();
  return <button type="button" onClick={() => void signOut().then(() => navigate(`${BASE}/sign-in`, true))}>{t.signOut}</button>;
}

function Page() {
  const { t } = useI18n();
  const { path, search } = useLocation();
  // A new page: keyboard and screen-reader users start at its content, as after a full page load.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    main?.setAttribute('tabindex', '-1');
    main?.focus({ preventScroll: false });
  }, [path]);
  if (path === BASE) return <Cohorts />;
  if (path === `${BASE}/staff`) return <Staff />;
  if (path === `${BASE}/statistics`) return <Statistics />;
  if (path === `${BASE}/overdue`) return <Overdue key={search.toString()} search={search} />;
  if (path === `${BASE}/juries`) return <Juries />;
  if (path === `${BASE}/declarations`) return <Declarations />;
  if (path === `${BASE}/workload`) return <Workload key={search.toString()} search={search} />;
  if (path === `${BASE}/candidates`) return <Candidates key={search.toString()} search={search} />;
  let m = match(`${BASE}/cohorts/:id/import`, path);
  if (m) return <Import cohortId={m.id!} />;
  m = match(`${BASE}/cohorts/:id`, path);
  if (m) return <CohortDashboard id={m.id!} />;
  m = match(`${BASE}/bulk-operations/:id`, path);
  if (m) return <BulkOperation id={m.id!} />;
  m = match(`${BASE}/candidates/:id`, path);
  if (m) return <Candidate id={m.id!} />;
  return <main id="main"><h1>{t.notFound}</h1></main>;
}
