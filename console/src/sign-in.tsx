import { useState } from 'preact/hooks';
import { startOidcSignIn } from './oidc';
import { session, type Role } from './session';
import { t } from './text';

/** The development issuer's sign-in (AUTH_DEV_ISSUER); in production people sign in at the OIDC issuer. */
export function SignIn() {
  const [role, setRole] = useState<Role>('staff');
  const [subject, setSubject] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await session.signIn(role, subject.trim().toLowerCase());
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const oidc = session.config.oidc;
  return (
    <div class="dialog-backdrop">
      <form class="dialog" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('เข้าสู่ระบบ 1212', 'Sign in to 1212')}</h1>
        {session.endedBecause && <p class="problem" role="alert">{session.endedBecause}</p>}
        {failure && <p class="problem" role="alert">{failure}</p>}
        {oidc && (
          <button
            type="button"
            onClick={() => {
              setBusy(true);
              startOidcSignIn(oidc).catch((error: Error) => (setFailure(error.message), setBusy(false)));
            }}
            disabled={busy}
          >
            {t('เข้าสู่ระบบด้วยบัญชีองค์กร', 'Sign in with your organisation account')}
          </button>
        )}
        {session.config.development && <DevelopmentFields role={role} setRole={setRole} subject={subject} setSubject={setSubject} busy={busy} />}
        {!oidc && !session.config.development && <p>{t('ยังไม่ได้ตั้งค่าการเข้าสู่ระบบ', 'No sign-in is configured on this hub (OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID).')}</p>}
      </form>
    </div>
  );
}

function DevelopmentFields(props: { role: Role; setRole: (role: Role) => void; subject: string; setSubject: (subject: string) => void; busy: boolean }) {
  const { role, setRole, subject, setSubject, busy } = props;
  return (
    <>
        <label for="sign-in-subject">{t('ชื่อผู้ใช้', 'User name')}</label>
        <input id="sign-in-subject" name="subject" autoComplete="username" required pattern="[a-z0-9][a-z0-9._\-]{0,63}" value={subject} onInput={(event) => setSubject(event.currentTarget.value)} />
        <label for="sign-in-role">{t('บทบาท', 'Role')}</label>
        <select id="sign-in-role" name="role" value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
          <option value="staff">{t('เจ้าหน้าที่ 1212', '1212 staff')}</option>
          <option value="admin">{t('ผู้ดูแลระบบ', 'Administrator')}</option>
          <option value="auditor">{t('ผู้ตรวจสอบ', 'Auditor')}</option>
        </select>
        <p class="hint">{t('การเข้าสู่ระบบแบบนักพัฒนา ใช้ได้เฉพาะเครื่องทดสอบ', 'Development sign-in: available on test machines only.')}</p>
        <button type="submit" disabled={busy}>{t('เข้าสู่ระบบ', 'Sign in')}</button>
    </>
  );
}
