import { useEffect, useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { FieldError, ProblemBanner, showProblem, type Shown } from './problems';
import { t } from './text';

type Action = Schemas['IssueTakedownsDto']['requestedAction'];
type Kind = Schemas['TakedownTargetDto']['kind'];

const ACTIONS: Record<Action, [string, string]> = {
  remove: ['ลบเนื้อหา', 'Remove'],
  restrict: ['ระงับการเข้าถึงจากไทย', 'Restrict in Thailand'],
  preserve: ['เก็บรักษาหลักฐาน', 'Preserve'],
  disclose_identity: ['เปิดเผยตัวตน (ต้องมีคำสั่งศาล)', 'Disclose identity (court order)'],
};
const KINDS: Record<Kind, [string, string]> = {
  listing: ['รายการสินค้า', 'Listing'],
  shop: ['ร้านค้า', 'Shop'],
  page: ['เพจ', 'Page'],
  post: ['โพสต์', 'Post'],
  account: ['บัญชีผู้ใช้', 'Account'],
  url: ['ลิงก์', 'URL'],
};
const OUTCOMES: Record<string, [string, string]> = {
  removed: ['ลบแล้ว', 'removed'],
  restricted: ['ระงับแล้ว', 'restricted'],
  restricted_in_th: ['ระงับในไทยแล้ว', 'restricted in Thailand'],
  account_suspended: ['ระงับบัญชีแล้ว', 'account suspended'],
  already_removed: ['ถูกลบไปก่อนแล้ว', 'already removed'],
  not_found: ['ไม่พบ', 'not found'],
  refused: ['ปฏิเสธ', 'refused'],
  pending: ['กำลังดำเนินการ', 'pending'],
};

/** Takedown requests from this complaint: issue one per platform (the hub finds it by the URL's domain), and follow their answers. */
export function TakedownPanel({ complaintId, subCategory, takedowns, onIssued }: { complaintId: string; subCategory: string; takedowns: Schemas['TakedownView'][]; onIssued: () => Promise<void> }) {
  const [bases, setBases] = useState<Schemas['LegalBasisView'][]>([]);
  const [basis, setBasis] = useState('');
  const [action, setAction] = useState<Action>('remove');
  const [targets, setTargets] = useState<Array<{ kind: Kind; url: string }>>([{ kind: 'listing', url: '' }]);
  const [explanation, setExplanation] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    void answer(hub.GET('/v1/legal-bases', {})).then(
      (list) => {
        setBases(list.legalBases);
        setBasis((current) => current || list.legalBases[0]?.code || '');
      },
      (error: unknown) => setShown(showProblem(error)),
    );
  }, []);
  const issue = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      const issued = await answer(
        hub.POST('/v1/complaints/{complaintId}/takedowns', {
          params: { path: { complaintId } },
          body: {
            legalBasis: { code: basis },
            requestedAction: action,
            targets: targets.filter((target) => target.url.trim()).map((target) => ({ kind: target.kind, url: target.url.trim() })),
            statementOfReasons: { ground: subCategory, explanation },
          },
        }),
      );
      setShown(undefined);
      setDone(`${t('ส่งคำขอแล้ว', 'Requests issued to')}: ${issued.takedowns.map((takedown) => takedown.platformId).join(', ')}`);
      await onIssued();
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  return (
    <section aria-labelledby="takedowns-title">
      <h2 id="takedowns-title">{t('คำขอระงับเนื้อหา', 'Takedown requests')}</h2>
      <ul class="takedowns">
        {takedowns.map((takedown) => (
          <li key={takedown.id}>
            <strong>{takedown.platformId}</strong> · {t('กำหนด', 'deadline')} {new Date(takedown.deadline).toLocaleString('th-TH', { dateStyle: 'short', timeStyle: 'short' })}
            {takedown.overdue && <span class="badge overdue">{t('เกินกำหนด', 'overdue')}</span>}
            <ul>
              {takedown.targets.map((target) => (
                <li key={target.targetId}>
                  {target.url ?? target.platformRef}: {target.outcome ? t(...(OUTCOMES[target.outcome] ?? [target.outcome, target.outcome])) : t('รอคำตอบ', 'waiting')}
                  {target.reason ? ` · ${target.reason}` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <ProblemBanner shown={shown} />
      {done && <p role="status">{done}</p>}
      <form onSubmit={issue}>
        <label for="takedown-basis">{t('ฐานทางกฎหมาย', 'Legal basis')}</label>
        <select id="takedown-basis" value={basis} onChange={(event) => setBasis(event.currentTarget.value)}>
          {bases.map((candidate) => (
            <option value={candidate.code}>{t(candidate.titleTh, candidate.titleEn)}</option>
          ))}
        </select>
        <FieldError id="takedown-basis-error" shown={shown} path="legalBasis" />
        <label for="takedown-action">{t('สิ่งที่ขอ', 'What is asked')}</label>
        <select id="takedown-action" value={action} onChange={(event) => setAction(event.currentTarget.value as Action)}>
          {Object.entries(ACTIONS).map(([code, [th, en]]) => (
            <option value={code}>{t(th, en)}</option>
          ))}
        </select>
        {targets.map((target, index) => (
          <div class="subject-row" key={index}>
            <div class="field">
              <label for={`target-${index}-kind`}>{t('ชนิดเนื้อหา', 'Kind of content')}</label>
              <select id={`target-${index}-kind`} value={target.kind} onChange={(event) => setTargets(targets.map((candidate, at) => (at === index ? { ...candidate, kind: event.currentTarget.value as Kind } : candidate)))}>
                {Object.entries(KINDS).map(([code, [th, en]]) => (
                  <option value={code}>{t(th, en)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`target-${index}-url`}>{t('ลิงก์ของเนื้อหา', 'Link to the content')}</label>
              <input id={`target-${index}-url`} type="url" value={target.url} aria-describedby={shown?.fields[`targets[${index}].url`] ? `target-${index}-error` : undefined} onInput={(event) => setTargets(targets.map((candidate, at) => (at === index ? { ...candidate, url: event.currentTarget.value } : candidate)))} />
              <FieldError id={`target-${index}-error`} shown={shown} path={`targets[${index}].url`} />
            </div>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setTargets([...targets, { kind: 'listing', url: '' }])}>
          {t('เพิ่มลิงก์', 'Add a link')}
        </button>
        <label for="takedown-explanation">{t('เหตุผล (ส่งถึงแพลตฟอร์ม)', 'Statement of reasons (sent to the platform)')}</label>
        <textarea id="takedown-explanation" rows={2} value={explanation} onInput={(event) => setExplanation(event.currentTarget.value)} />
        <FieldError id="takedown-explanation-error" shown={shown} path="statementOfReasons.explanation" />
        <button type="submit">{t('ส่งคำขอระงับ', 'Issue the takedown requests')}</button>
      </form>
    </section>
  );
}
