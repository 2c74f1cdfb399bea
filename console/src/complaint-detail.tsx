import { useEffect, useState } from 'preact/hooks';
import { answer, hub, uploadEvidence, type Schemas } from './api';
import { DATA_CLASSES, type DataClass } from '../../src/standard/data-classes.js';
import { ConfirmButton } from './confirm-button';
import { MatchesPanel } from './matches';
import { TakedownPanel } from './takedowns';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { CATEGORIES, CHANNELS, DATA_CLASS_LABELS, EVIDENCE_KINDS, label, STATUSES, SUB_CATEGORIES, SUBJECT_TYPES, t } from './text';

const ACTIONS: Record<Schemas['DispatchReferralsDto']['requestedAction'], [string, string]> = {
  investigate: ['ตรวจสอบ/สอบสวน', 'Investigate'],
  mediate: ['ไกล่เกลี่ย', 'Mediate'],
  takedown: ['ระงับการเผยแพร่', 'Take down'],
  verify_registration: ['ตรวจสอบการจดทะเบียน', 'Verify registration'],
  freeze_account: ['อายัดบัญชี', 'Freeze the account'],
  advise: ['ให้คำแนะนำ', 'Advise'],
  for_information: ['เพื่อทราบ', 'For information'],
};

type Upload = { id: number; name: string; fraction: number; failure?: string };
let uploadSequence = 0;

/** One complaint: the reference code to read out, its evidence, where it goes, and what the agencies did. */
export function ComplaintDetail({ complaintId }: { complaintId: string }) {
  const [complaint, setComplaint] = useState<Schemas['ComplaintView']>();
  const [evidence, setEvidence] = useState<Schemas['EvidenceView'][]>([]);
  const [timeline, setTimeline] = useState<Schemas['TimelineView']>();
  const [shown, setShown] = useState<Shown>();

  const refresh = async (): Promise<void> => {
    try {
      const path = { params: { path: { complaintId } } };
      const [loaded, files, history] = await Promise.all([
        answer(hub.GET('/v1/complaints/{complaintId}', path)),
        answer(hub.GET('/v1/complaints/{complaintId}/evidence', path)),
        answer(hub.GET('/v1/complaints/{complaintId}/timeline', path)),
      ]);
      setComplaint(loaded);
      setEvidence(files.evidence);
      setTimeline(history);
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  useEffect(() => void refresh(), [complaintId]);

  if (!complaint) return <ProblemBanner shown={shown} />;
  return (
    <section aria-labelledby="complaint-title" class="detail">
      <h1 id="complaint-title">
        {t('เลขอ้างอิง', 'Reference')} <span class="reference-code" data-testid="reference-code">{complaint.referenceCode}</span>
      </h1>
      <p class="hint">{t('แจ้งเลขนี้ให้ผู้ร้องเพื่อติดตามเรื่อง', 'Read this to the caller: it tracks the complaint.')}</p>
      <ProblemBanner shown={shown} />
      <dl class="facts">
        <dt>{t('ผู้ร้อง', 'Complainant')}</dt>
        <dd>{complaint.complainant.name}</dd>
        <dt>{t('ช่องทาง', 'Channel')}</dt>
        <dd>{label(CHANNELS, complaint.channel)}</dd>
        <dt>{t('ประเภท', 'Category')}</dt>
        <dd>
          {label(CATEGORIES, complaint.category)} · {label(SUB_CATEGORIES, complaint.subCategory)}
        </dd>
        <dt>{t('สถานะ', 'Status')}</dt>
        <dd>{label(STATUSES, complaint.status)}</dd>
        <dt>{t('รายละเอียด', 'Narrative')}</dt>
        <dd class="narrative">{complaint.narrative}</dd>
        <dt>{t('ผู้ถูกร้อง', 'Complained about')}</dt>
        <dd>
          <ul>
            {complaint.subjects.map((subject) => (
              <li>
                {label(SUBJECT_TYPES, subject.type)}: {subject.value}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <EvidencePanel complaintId={complaintId} evidence={evidence} onUploaded={refresh} />
      <MatchesPanel complaintId={complaintId} />
      {complaint.status === 'withdrawn' ? (
        <p role="note" class="withdrawn">{t('เรื่องนี้ถอนแล้ว: ไม่ส่งต่อหรือแก้ไขอีก หน่วยงานที่ได้รับได้รับแจ้งการถอนเรื่องแล้ว', 'Withdrawn: it is no longer dispatched or changed; every agency that received it was sent a Retraction.')}</p>
      ) : (
        <DispatchPanel complaintId={complaintId} onDispatched={refresh} />
      )}
      {complaint.status === 'dispatched' && <RetractPanel complaintId={complaintId} onRetracted={refresh} />}
      <TakedownPanel complaintId={complaintId} subCategory={complaint.subCategory} takedowns={timeline?.takedowns ?? []} onIssued={refresh} />
      <Timeline timeline={timeline} />
    </section>
  );
}

function EvidencePanel({ complaintId, evidence, onUploaded }: { complaintId: string; evidence: Schemas['EvidenceView'][]; onUploaded: () => Promise<void> }) {
  const [kind, setKind] = useState('payment_slip');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const send = async (files: FileList | null): Promise<void> => {
    for (const file of Array.from(files ?? [])) {
      const id = ++uploadSequence;
      setUploads((current) => [...current, { id, name: file.name, fraction: 0 }]);
      const update = (change: Partial<Upload>): void => setUploads((current) => current.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)));
      try {
        await uploadEvidence(complaintId, file, kind, (fraction) => update({ fraction }));
        update({ fraction: 1 });
        await onUploaded();
      } catch (error) {
        update({ failure: showProblem(error).message });
      }
    }
  };
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('หลักฐาน', 'Evidence')}</h2>
      <ul class="evidence">
        {evidence.map((item) => (
          <li>
            {item.filename} · {label(EVIDENCE_KINDS, item.kind)} · {(item.size / 1024).toFixed(1)} KB
          </li>
        ))}
      </ul>
      <div class="upload">
        <label for="evidence-kind">{t('ชนิดหลักฐาน', 'Kind')}</label>
        <select id="evidence-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
          {Object.keys(EVIDENCE_KINDS).map((code) => (
            <option value={code}>{label(EVIDENCE_KINDS, code)}</option>
          ))}
        </select>
        <label for="evidence-files">{t('เลือกไฟล์', 'Choose files')}</label>
        <input
          id="evidence-files"
          type="file"
          multiple
          onChange={(event) => {
            const input = event.currentTarget;
            void send(input.files).then(() => (input.value = ''));
          }}
        />
      </div>
      <ul class="uploads" aria-live="polite">
        {uploads.map((upload) => (
          <li key={upload.id}>
            {upload.name}{' '}
            {upload.failure ? (
              <span class="field-error" role="alert">
                {upload.failure}
              </span>
            ) : (
              <progress max={1} value={upload.fraction} aria-label={`${t('กำลังอัปโหลด', 'Uploading')} ${upload.name}`} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DispatchPanel({ complaintId, onDispatched }: { complaintId: string; onDispatched: () => Promise<void> }) {
  const [suggested, setSuggested] = useState<Schemas['RoutingSuggestionView'][]>([]);
  const [partners, setPartners] = useState<Schemas['PartnerView'][]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [action, setAction] = useState<Schemas['DispatchReferralsDto']['requestedAction']>('investigate');
  // The complainant's fields the agencies receive (PDPA: no more than they need); all by default.
  const [shared, setShared] = useState<ComplainantField[]>([...COMPLAINANT_FIELDS]);
  // The data classes the dispatcher changed, by agency; an agency not here gets its default (§2.1.1).
  const [classChoice, setClassChoice] = useState<Record<string, DataClass[]>>({});
  const chosenClasses = Object.fromEntries(Object.entries(classChoice).filter(([partnerId]) => chosen.includes(partnerId)));
  const classQuery = Object.entries(chosenClasses).map(([partnerId, classes]) => `${partnerId}:${classes.join('+')}`).join(';');
  const [shown, setShown] = useState<Shown>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    void (async () => {
      try {
        const [routing, registry] = await Promise.all([answer(hub.GET('/v1/complaints/{complaintId}/routing', { params: { path: { complaintId } } })), answer(hub.GET('/v1/partners', {}))]);
        setSuggested(routing.suggestions);
        // Suggestions preselect only what the dispatcher has not chosen already.
        setChosen((current) => (current.length > 0 ? current : routing.suggestions.map((suggestion) => suggestion.partnerId)));
        setPartners(registry.partners.filter((partner) => partner.active !== false));
      } catch (error) {
        setShown(showProblem(error));
      }
    })();
  }, [complaintId]);
  const dispatch = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      const result = await answer(hub.POST('/v1/complaints/{complaintId}/referrals', { params: { path: { complaintId } }, body: { partners: chosen, requestedAction: action, note: note.trim() || undefined, complainantFields: shared, ...(classQuery ? { dataClasses: chosenClasses } : {}) } }));
      setShown(undefined);
      setDone(`${t('ส่งต่อแล้ว', 'Dispatched to')}: ${result.referrals.map((referral) => referral.partnerId).join(', ')}`);
      await onDispatched();
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  const [previews, setPreviews] = useState<Schemas['ReferralPreviewView'][]>([]);
  useEffect(() => {
    if (chosen.length === 0) return void setPreviews([]);
    // Choices change faster than answers come: an answer for an earlier choice is dropped.
    let current = true;
    void answer(hub.GET('/v1/complaints/{complaintId}/referral-preview', { params: { path: { complaintId }, query: { partners: chosen.join(','), complainantFields: shared.join(','), ...(classQuery ? { dataClasses: classQuery } : {}) } } })).then(
      (result) => current && setPreviews(result.previews),
      () => current && setPreviews([]),
    );
    return () => {
      current = false;
    };
  }, [complaintId, chosen.join(','), shared.join(','), classQuery]);
  // The boxes show the choice as soon as it is made, not when the preview of it comes back.
  const classesOf = (preview: Schemas['ReferralPreviewView']): DataClass[] => classChoice[preview.partnerId] ?? preview.dataClasses;
  const toggleClass = (preview: Schemas['ReferralPreviewView'], dataClass: DataClass, on: boolean): void => {
    const current = classesOf(preview);
    const next = on ? [...current, dataClass] : current.filter((candidate) => candidate !== dataClass);
    setClassChoice({ ...classChoice, [preview.partnerId]: DATA_CLASSES.filter((candidate) => next.includes(candidate)) });
  };
  const suggestedIds = new Set(suggested.map((suggestion) => suggestion.partnerId));
  const ordered = [...partners].sort((a, b) => Number(suggestedIds.has(b.id)) - Number(suggestedIds.has(a.id)));
  return (
    <section aria-labelledby="dispatch-title">
      <h2 id="dispatch-title">{t('ส่งต่อหน่วยงาน', 'Refer to agencies')}</h2>
      <ProblemBanner shown={shown} />
      {done && <p role="status">{done}</p>}
      <form onSubmit={dispatch}>
        <fieldset class="agencies">
          <legend>{t('หน่วยงานที่แนะนำอยู่ด้านบน', 'Suggested agencies first')}</legend>
          {ordered.map((partner) => (
            <label class="agency">
              <input
                type="checkbox"
                name="partner"
                value={partner.id}
                checked={chosen.includes(partner.id)}
                onChange={(event) => setChosen(event.currentTarget.checked ? [...chosen, partner.id] : chosen.filter((id) => id !== partner.id))}
              />
              {t(partner.nameTh, partner.nameEn)} <span class="code">({partner.id})</span>
              {suggestedIds.has(partner.id) && <span class="badge">{t('แนะนำ', 'suggested')}</span>}
            </label>
          ))}
        </fieldset>
        <fieldset class="shared-fields">
          <legend>{t('ข้อมูลผู้ร้องที่ส่งให้หน่วยงาน (ส่งเท่าที่จำเป็น)', "The complainant's details sent (no more than needed)")}</legend>
          {COMPLAINANT_FIELDS.map((field) => (
            <label class="agency">
              <input
                type="checkbox"
                name="complainantField"
                value={field}
                checked={shared.includes(field)}
                onChange={(event) => setShared(event.currentTarget.checked ? COMPLAINANT_FIELDS.filter((candidate) => candidate === field || shared.includes(candidate)) : shared.filter((candidate) => candidate !== field))}
              />
              {label(COMPLAINANT_FIELD_LABELS, field)}
            </label>
          ))}
        </fieldset>
        {previews.length > 0 && (
          <div class="previews" aria-live="polite">
            <h3>{t('แต่ละหน่วยงานจะได้รับ', 'What each agency will receive')}</h3>
            <ul>
              {previews.map((preview) => (
                <li key={preview.partnerId} data-partner={preview.partnerId}>
                  <strong>{preview.partnerId}</strong>: {t('ผู้ร้อง', 'complainant')} {Object.entries(preview.complainant).map(([field, value]) => `${field}: ${value}`).join(', ')}
                  {preview.withheld.length > 0 && (
                    <span class="withheld">
                      {' '}
                      · {t('ไม่ส่ง', 'withheld')}: {preview.withheld.map((field) => field.replace('complainant.', '')).join(', ')}
                    </span>
                  )}{' '}
                  · {t('ผู้ถูกร้อง', 'subjects')} {preview.subjects} · {t('หลักฐาน', 'evidence')} {preview.evidenceFiles} {t('ไฟล์', 'file(s)')}
                  <fieldset class="data-classes">
                    <legend>{t('ประเภทข้อมูลที่ส่ง (ตามฐานอำนาจตามกฎหมายของหน่วยงาน)', "Data sent (within the agency's legal basis)")}</legend>
                    {DATA_CLASSES.map((dataClass) => (
                      <label class="agency" title={preview.coveredDataClasses.includes(dataClass) ? undefined : t('ฐานอำนาจของหน่วยงานไม่ครอบคลุม', "Not covered by the agency's legal basis")}>
                        <input
                          type="checkbox"
                          name={`dataClass-${preview.partnerId}`}
                          value={dataClass}
                          checked={classesOf(preview).includes(dataClass)}
                          disabled={!preview.coveredDataClasses.includes(dataClass)}
                          onChange={(event) => toggleClass(preview, dataClass, event.currentTarget.checked)}
                        />
                        {label(DATA_CLASS_LABELS, dataClass)}
                      </label>
                    ))}
                  </fieldset>
                </li>
              ))}
            </ul>
          </div>
        )}
        <label for="dispatch-action">{t('สิ่งที่ขอให้หน่วยงานทำ', 'What the agencies are asked to do')}</label>
        <select id="dispatch-action" value={action} onChange={(event) => setAction(event.currentTarget.value as typeof action)}>
          {Object.entries(ACTIONS).map(([code, [th, en]]) => (
            <option value={code}>{t(th, en)}</option>
          ))}
        </select>
        <label for="dispatch-note">{t('หมายเหตุถึงหน่วยงาน', 'Note to the agencies')}</label>
        <textarea id="dispatch-note" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <button type="submit" disabled={chosen.length === 0}>
          {t('ส่งต่อ', 'Dispatch')} ({chosen.length})
        </button>
      </form>
    </section>
  );
}

const COMPLAINANT_FIELDS = ['name', 'phone', 'email', 'lineId'] as const;
type ComplainantField = (typeof COMPLAINANT_FIELDS)[number];
const COMPLAINANT_FIELD_LABELS: Record<ComplainantField, [string, string]> = {
  name: ['ชื่อ', 'Name'],
  phone: ['โทรศัพท์', 'Phone'],
  email: ['อีเมล', 'E-mail'],
  lineId: ['LINE ID', 'LINE id'],
};

const RETRACTION_REASONS: Record<string, [string, string]> = {
  complainant_withdrew: ['ผู้ร้องขอถอนเรื่อง', 'The complainant withdrew'],
  duplicate: ['ซ้ำกับเรื่องอื่น', 'A duplicate of another complaint'],
  filed_in_error: ['บันทึกผิดพลาด', 'Filed in error'],
  other: ['อื่น ๆ', 'Other'],
};

/** Withdrawing a dispatched complaint: every agency that received it gets a Retraction to acknowledge (§2.7). */
function RetractPanel({ complaintId, onRetracted }: { complaintId: string; onRetracted: () => Promise<void> }) {
  const [reason, setReason] = useState<Schemas['RetractComplaintDto']['reason']>('complainant_withdrew');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [note, setNote] = useState('');
  const [shown, setShown] = useState<Shown>();
  return (
    <section aria-labelledby="retract-title">
      <h2 id="retract-title">{t('ถอนเรื่อง', 'Withdraw the complaint')}</h2>
      <ProblemBanner shown={shown} />
      <label for="retract-reason">{t('เหตุผลที่ถอนเรื่อง', 'Why it is withdrawn')}</label>
      <select id="retract-reason" value={reason} onChange={(event) => setReason(event.currentTarget.value as typeof reason)}>
        {Object.entries(RETRACTION_REASONS).map(([code, [th, en]]) => (
          <option value={code}>{t(th, en)}</option>
        ))}
      </select>
      {reason === 'duplicate' && (
        <>
          <label for="retract-duplicate">{t('เลขรับเรื่องที่ซ้ำ', 'Reference code of the original')}</label>
          <input id="retract-duplicate" value={duplicateOf} onInput={(event) => setDuplicateOf(event.currentTarget.value.trim().toUpperCase())} />
          {shown?.fields.duplicateOf && <span class="field-error">{shown.fields.duplicateOf}</span>}
        </>
      )}
      <label for="retract-note">{t('หมายเหตุการถอนเรื่องถึงหน่วยงาน', 'Note on the withdrawal to the agencies')}</label>
      <textarea id="retract-note" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      <ConfirmButton
        label={t('ถอนเรื่อง', 'Withdraw')}
        question={t('แจ้งทุกหน่วยงานที่ได้รับเรื่องให้ยุติและลบข้อมูล?', 'Tell every agency that received it to stop and erase the data?')}
        onConfirm={async () => {
          try {
            await answer(hub.POST('/v1/complaints/{complaintId}/retraction', {
              params: { path: { complaintId } },
              body: { reason, ...(reason === 'duplicate' ? { duplicateOf } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
            }));
            setShown(undefined);
            await onRetracted();
          } catch (error) {
            setShown(showProblem(error));
          }
        }}
      />
    </section>
  );
}

function Timeline({ timeline }: { timeline: Schemas['TimelineView'] | undefined }) {
  if (!timeline) return null;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('ความคืบหน้า', 'Timeline')}</h2>
      {timeline.referrals.length === 0 && <p>{t('ยังไม่ได้ส่งต่อ', 'Not referred yet.')}</p>}
      {timeline.referrals.map((referral) => (
        <article class="referral" data-partner={referral.partnerId}>
          <h3>
            {referral.partnerId}: <span class="status">{label(STATUSES, referral.status)}</span>
            {referral.partnerCaseNumber && <span class="agency"> · {t('เลขเรื่องของหน่วยงาน', "Agency's case number")} {referral.partnerCaseNumber}</span>}
          </h3>
          <ol>
            {(referral.history ?? []).map((event) => (
              <li>
                <time dateTime={event.occurredAt}>{new Date(event.occurredAt).toLocaleString('th-TH', { dateStyle: 'short', timeStyle: 'short' })}</time> {label(STATUSES, event.status)}
                {event.note ? ` · ${event.note}` : ''}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
