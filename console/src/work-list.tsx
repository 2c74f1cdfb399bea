import { useEffect, useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { ConfirmButton } from './confirm-button';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { t } from './text';

type Referral = Schemas['ReferralView'];
type Correction = Schemas['CorrectionView'];

/** The dispatcher's queue: agencies asking for information, transfers waiting to be confirmed, corrections and retractions not yet acknowledged. */
export function WorkList() {
  const [requests, setRequests] = useState<Referral[]>([]);
  const [transfers, setTransfers] = useState<Referral[]>([]);
  const [unacknowledged, setUnacknowledged] = useState<Correction[]>([]);
  const [shown, setShown] = useState<Shown>();
  const load = async (): Promise<void> => {
    try {
      const [asked, moved, waiting] = await Promise.all([
        answer(hub.GET('/v1/referrals', { params: { query: { awaitingAnswer: 'true', limit: 100 } } })),
        answer(hub.GET('/v1/referrals', { params: { query: { status: 'transferred', limit: 100 } } })),
        answer(hub.GET('/v1/corrections', { params: { query: { unacknowledged: 'true', limit: 100 } } })),
      ]);
      setRequests(asked.referrals);
      // The overdue first: the hub is chasing them, and staff follow up by phone.
      setUnacknowledged([...waiting.corrections].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.acknowledgeBy.localeCompare(b.acknowledgeBy)));
      // A transfer already confirmed names the referral it became: only the others wait.
      setTransfers(moved.referrals.filter((referral) => !referral.transferredAs));
      setShown(undefined);
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  useEffect(() => void load(), []);
  return (
    <section aria-labelledby="work-title">
      <h1 id="work-title">{t('งานค้าง', 'Work list')}</h1>
      <ProblemBanner shown={shown} />
      <h2>{t('หน่วยงานขอข้อมูลเพิ่ม', 'Agencies asking for information')} ({requests.length})</h2>
      {requests.length === 0 && <p>{t('ไม่มีคำขอค้าง', 'Nothing waiting.')}</p>}
      {requests.map((referral) => (
        <InformationRequest key={referral.id} referral={referral} onAnswered={load} />
      ))}
      <h2>{t('รอยืนยันการโอนเรื่อง', 'Transfers to confirm')} ({transfers.length})</h2>
      {transfers.length === 0 && <p>{t('ไม่มีการโอนเรื่องค้าง', 'No transfer waiting.')}</p>}
      <ul class="transfers">
        {transfers.map((referral) => (
          <li key={referral.id}>
            <a href={`#/complaints/${referral.complaintId}`}>{referral.partnerId}</a> → <strong>{referral.transferTo}</strong> {referral.note ? `· ${referral.note}` : ''}{' '}
            <ConfirmButton
              label={t('ยืนยันการโอน', 'Confirm the transfer')}
              question={t(`ส่งเรื่องต่อให้ ${referral.transferTo ?? ''}?`, `Refer the case to ${referral.transferTo ?? ''}?`)}
              onConfirm={async () => {
                try {
                  await answer(hub.POST('/v1/referrals/{referralId}/transfer-confirmation', { params: { path: { referralId: referral.id } } }));
                  await load();
                } catch (error) {
                  setShown(showProblem(error));
                }
              }}
            />
          </li>
        ))}
      </ul>
      <h2>{t('การแก้ไขและการถอนเรื่องที่หน่วยงานยังไม่ตอบรับ', 'Corrections and retractions not yet acknowledged')} ({unacknowledged.length})</h2>
      {unacknowledged.length === 0 && <p>{t('ทุกหน่วยงานตอบรับแล้ว', 'Every agency has acknowledged.')}</p>}
      <ul class="corrections">
        {unacknowledged.map((correction) => (
          <li key={correction.documentId} data-document={correction.documentId} class={correction.overdue ? 'overdue' : undefined}>
            <a href={`#/complaints/${correction.complaintId}`}>{correction.partnerId}</a>:{' '}
            {correction.type === 'ocx.retraction' ? t('ถอนเรื่อง', 'Retraction') : t('แก้ไขข้อมูล', 'Correction')} ({correction.reason}) ·{' '}
            {t('ตอบรับภายใน', 'acknowledge by')} <time dateTime={correction.acknowledgeBy}>{new Date(correction.acknowledgeBy).toLocaleString('th-TH', { dateStyle: 'short', timeStyle: 'short' })}</time>
            {correction.overdue && (
              <span class="badge overdue-badge">
                {' '}
                {t('เกินกำหนด', 'overdue')}
                {correction.chaseCount > 0 ? ` · ${t('ทวงแล้ว', 'chased')} ${correction.chaseCount}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InformationRequest({ referral, onAnswered }: { referral: Referral; onAnswered: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [history, setHistory] = useState(referral.history ?? []);
  // Lists carry no history: the question itself comes from the complaint's timeline.
  useEffect(() => {
    void answer(hub.GET('/v1/complaints/{complaintId}/timeline', { params: { path: { complaintId: referral.complaintId } } })).then(
      (timeline) => setHistory(timeline.referrals.find((candidate) => candidate.id === referral.id)?.history ?? []),
      (error: unknown) => setShown(showProblem(error)),
    );
  }, [referral.id]);
  const asked = [...history].reverse().find((event) => event.status === 'info_requested');
  const id = `answer-${referral.id}`;
  return (
    <form
      class="information-request"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await answer(hub.POST('/v1/referrals/{referralId}/information', { params: { path: { referralId: referral.id } }, body: { text } }));
          setText('');
          await onAnswered();
        } catch (error) {
          setShown(showProblem(error));
        }
      }}
    >
      <p>
        <a href={`#/complaints/${referral.complaintId}`}>{referral.partnerId}</a>: {asked?.note ?? t('(ไม่มีรายละเอียด)', '(no detail)')}
      </p>
      <ProblemBanner shown={shown} />
      <label for={id}>{t('คำตอบถึงหน่วยงาน', 'Answer to the agency')}</label>
      <textarea id={id} rows={2} value={text} onInput={(event) => setText(event.currentTarget.value)} aria-describedby={shown?.fields.text ? `${id}-error` : undefined} />
      {shown?.fields.text && (
        <span class="field-error" id={`${id}-error`}>
          {shown.fields.text}
        </span>
      )}
      <button type="submit">{t('ส่งคำตอบ', 'Send the answer')}</button>
    </form>
  );
}
