import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Admin } from './admin';
import { ComplaintDetail } from './complaint-detail';
import { ComplaintList } from './complaint-list';
import { Intake } from './intake';
import { Lookup } from './lookup';
import { ClusterPage } from './matches';
import { useRoute } from './router';
import { session } from './session';
import { completeOidcSignIn } from './oidc';
import { SignIn } from './sign-in';
import { currentLanguage, setLanguage, t } from './text';
import { WorkList } from './work-list';
import type { Dashboard as DashboardPage } from './dashboard';
import './styles.css';

/** The dashboard with its charting library is loaded when first opened: the other pages do not carry it. */
function Dashboard(props: { agency?: string }) {
  const [page, setPage] = useState<{ component: typeof DashboardPage }>();
  useEffect(() => void import('./dashboard').then((module) => setPage({ component: module.Dashboard })), []);
  return page ? <page.component {...props} /> : <p>{t('กำลังโหลด…', 'Loading…')}</p>;
}

function App() {
  const [, rerender] = useState(0);
  useEffect(() => session.subscribe(() => rerender((count) => count + 1)), []);
  const route = useRoute();
  const signedIn = session.signedIn;
  const [everSignedIn, setEverSignedIn] = useState(false);
  useEffect(() => void (signedIn && setEverSignedIn(true)), [signedIn]);
  const page =
    route[0] === 'complaints' && route[1] === 'new' ? <Intake /> : route[0] === 'complaints' && route[1] ? <ComplaintDetail complaintId={route[1]} /> : route[0] === 'lookup' ? <Lookup /> : route[0] === 'work' ? <WorkList /> : route[0] === 'admin' ? <Admin /> : route[0] === 'dashboard' ? <Dashboard agency={route[1]} key={route[1] ?? '*'} /> : route[0] === 'clusters' && route[1] ? <ClusterPage clusterId={route[1]} /> : <ComplaintList />;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/complaints">
          OCX 1212
        </a>
        <nav aria-label={t('เมนูหลัก', 'Main')}>
          <a href="#/complaints">{t('เรื่องร้องเรียน', 'Complaints')}</a>
          <a href="#/complaints/new">{t('รับเรื่องใหม่', 'New complaint')}</a>
          <a href="#/lookup">{t('ค้นหาผู้ถูกร้อง', 'Look up')}</a>
          <a href="#/work">{t('งานค้าง', 'Work list')}</a>
          <a href="#/dashboard">{t('สถิติ', 'Statistics')}</a>
          {signedIn?.role === 'admin' && <a href="#/admin">{t('ผู้ดูแลระบบ', 'Administration')}</a>}
        </nav>
        <button type="button" class="secondary" onClick={() => (setLanguage(currentLanguage() === 'th' ? 'en' : 'th'), rerender((count) => count + 1))}>
          {currentLanguage() === 'th' ? 'English' : 'ภาษาไทย'}
        </button>
        {signedIn && (
          <span class="who">
            {signedIn.subject} ({signedIn.role}){' '}
            <button type="button" class="secondary" onClick={() => session.signOut()}>
              {t('ออกจากระบบ', 'Sign out')}
            </button>
          </span>
        )}
      </header>
      {/* The page stays mounted while signing in again, so what was typed survives an expired session. */}
      <main>{(signedIn || everSignedIn) && page}</main>
      {!signedIn && <SignIn />}
    </>
  );
}

/** How people sign in here, then a return from the OpenID Connect issuer if this load is one. */
async function start(): Promise<void> {
  try {
    const response = await fetch('/v1/console/config');
    if (response.ok) session.config = (await response.json()) as typeof session.config;
    if (session.config.oidc) {
      const tokens = await completeOidcSignIn(session.config.oidc);
      if (tokens) session.signedInWithOidc(tokens);
    }
  } catch (error) {
    session.endedBecause = `${t('เข้าสู่ระบบไม่สำเร็จ', 'Sign-in failed')}: ${(error as Error).message}`;
  }
  render(<App />, document.getElementById('app')!);
}

void start();
