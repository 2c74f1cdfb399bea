import { useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { FieldError, ProblemBanner, showProblem, type Shown } from './problems';
import { go } from './router';
import { CATEGORIES, CHANNELS, label, SUB_CATEGORIES, SUBJECT_TYPES, t } from './text';

type Subject = { type: string; value: string; bank: string };

interface Draft {
  channel: string;
  name: string;
  phone: string;
  email: string;
  lineId: string;
  nationalId: string;
  category: string;
  subCategory: string;
  narrative: string;
  incidentDate: string;
  subjects: Subject[];
}

const EMPTY: Draft = { channel: 'hotline', name: '', phone: '', email: '', lineId: '', nationalId: '', category: 'shopping', subCategory: 'not_received', narrative: '', incidentDate: '', subjects: [{ type: 'phone', value: '', bank: '' }] };

/** A field with its label, its error beside it, and the error read out with it. */
function Field(props: { id: string; path: string; labelText: string; shown: Shown | undefined; children: (describedBy: string | undefined) => preact.ComponentChildren }) {
  const errorId = `${props.id}-error`;
  const invalid = Boolean(props.shown?.fields[props.path]);
  return (
    <div class={invalid ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.labelText}</label>
      {props.children(invalid ? errorId : undefined)}
      <FieldError id={errorId} shown={props.shown} path={props.path} />
    </div>
  );
}

/**
 * A complaint taken while the caller talks: everything reachable with the keyboard, in the
 * order it is asked, Thai labels first. On success the reference code is shown large, to read
 * out; on failure nothing typed is lost and each refused field says why beside it.
 */
export function Intake() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [shown, setShown] = useState<Shown>();
  const [busy, setBusy] = useState(false);
  const set = <Key extends keyof Draft>(key: Key, value: Draft[Key]): void => setDraft((current) => ({ ...current, [key]: value }));
  const setSubject = (index: number, change: Partial<Subject>): void =>
    setDraft((current) => ({ ...current, subjects: current.subjects.map((subject, at) => (at === index ? { ...subject, ...change } : subject)) }));

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const optional = (value: string): string | undefined => value.trim() || undefined;
    const body: Schemas['CreateComplaintDto'] = {
      channel: draft.channel as Schemas['CreateComplaintDto']['channel'],
      complainant: { name: draft.name.trim(), phone: optional(draft.phone), email: optional(draft.email), lineId: optional(draft.lineId), nationalId: optional(draft.nationalId) },
      category: draft.category as Schemas['CreateComplaintDto']['category'],
      subCategory: draft.subCategory as Schemas['CreateComplaintDto']['subCategory'],
      narrative: draft.narrative,
      incidentDate: optional(draft.incidentDate),
      subjects: draft.subjects
        .filter((subject) => subject.value.trim())
        .map((subject) => ({ type: subject.type as Schemas['SubjectDto']['type'], value: subject.value.trim(), bank: subject.type === 'bank_account' ? optional(subject.bank) : undefined })),
    };
    try {
      const created = await answer(hub.POST('/v1/complaints', { body }));
      setShown(undefined);
      go('complaints', created.id);
    } catch (error) {
      setShown(showProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="intake-title">
      <h1 id="intake-title">{t('รับเรื่องร้องเรียนใหม่', 'New complaint')}</h1>
      <ProblemBanner shown={shown} />
      <form class="intake" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('ช่องทางและผู้ร้อง', 'Channel and complainant')}</legend>
          <Field id="channel" path="channel" labelText={t('ช่องทาง', 'Channel')} shown={shown}>
            {(describedBy) => (
              <select id="channel" aria-describedby={describedBy} value={draft.channel} onChange={(event) => set('channel', event.currentTarget.value)}>
                {Object.keys(CHANNELS).map((code) => (
                  <option value={code}>{label(CHANNELS, code)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="name" path="complainant.name" labelText={t('ชื่อผู้ร้อง', 'Complainant name')} shown={shown}>
            {(describedBy) => <input id="name" autoComplete="off" aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={draft.name} onInput={(event) => set('name', event.currentTarget.value)} />}
          </Field>
          <Field id="phone" path="complainant.phone" labelText={t('เบอร์ติดต่อ', 'Phone')} shown={shown}>
            {(describedBy) => <input id="phone" type="tel" autoComplete="off" aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={draft.phone} onInput={(event) => set('phone', event.currentTarget.value)} />}
          </Field>
          <Field id="email" path="complainant.email" labelText={t('อีเมล', 'E-mail')} shown={shown}>
            {(describedBy) => <input id="email" type="email" autoComplete="off" aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={draft.email} onInput={(event) => set('email', event.currentTarget.value)} />}
          </Field>
          <Field id="line-id" path="complainant.lineId" labelText="LINE ID" shown={shown}>
            {(describedBy) => <input id="line-id" autoComplete="off" aria-describedby={describedBy} value={draft.lineId} onInput={(event) => set('lineId', event.currentTarget.value)} />}
          </Field>
          <Field id="national-id" path="complainant.nationalId" labelText={t('เลขบัตรประชาชน', 'National id')} shown={shown}>
            {(describedBy) => <input id="national-id" inputMode="numeric" autoComplete="off" aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={draft.nationalId} onInput={(event) => set('nationalId', event.currentTarget.value)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('เรื่องที่ร้องเรียน', 'What happened')}</legend>
          <Field id="category" path="category" labelText={t('ประเภท', 'Category')} shown={shown}>
            {(describedBy) => (
              <select
                id="category"
                aria-describedby={describedBy}
                value={draft.category}
                onChange={(event) => {
                  const category = event.currentTarget.value;
                  setDraft((current) => ({ ...current, category, subCategory: CATEGORIES[category]![2][0]! }));
                }}
              >
                {Object.keys(CATEGORIES).map((code) => (
                  <option value={code}>{label(CATEGORIES, code)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="sub-category" path="subCategory" labelText={t('ประเภทย่อย', 'Sub-category')} shown={shown}>
            {(describedBy) => (
              <select id="sub-category" aria-describedby={describedBy} value={draft.subCategory} onChange={(event) => set('subCategory', event.currentTarget.value)}>
                {CATEGORIES[draft.category]![2].map((code) => (
                  <option value={code}>{label(SUB_CATEGORIES, code)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="narrative" path="narrative" labelText={t('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)', "Narrative (in the caller's words)")} shown={shown}>
            {(describedBy) => <textarea id="narrative" rows={5} aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={draft.narrative} onInput={(event) => set('narrative', event.currentTarget.value)} />}
          </Field>
          <Field id="incident-date" path="incidentDate" labelText={t('วันที่เกิดเหตุ', 'Incident date')} shown={shown}>
            {(describedBy) => <input id="incident-date" type="date" aria-describedby={describedBy} value={draft.incidentDate} onInput={(event) => set('incidentDate', event.currentTarget.value)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('ผู้ถูกร้อง (เบอร์ บัญชี ลิงก์ ชื่อร้าน)', 'Who is complained about (phone, account, link, shop)')}</legend>
          {draft.subjects.map((subject, index) => (
            <div class="subject-row">
              <Field id={`subject-${index}-type`} path={`subjects.${index}.type`} labelText={t('ชนิด', 'Type')} shown={shown}>
                {(describedBy) => (
                  <select id={`subject-${index}-type`} aria-describedby={describedBy} value={subject.type} onChange={(event) => setSubject(index, { type: event.currentTarget.value })}>
                    {Object.keys(SUBJECT_TYPES).map((code) => (
                      <option value={code}>{label(SUBJECT_TYPES, code)}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`subject-${index}-value`} path={`subjects.${index}.value`} labelText={t('ค่า', 'Value')} shown={shown}>
                {(describedBy) => <input id={`subject-${index}-value`} autoComplete="off" aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={subject.value} onInput={(event) => setSubject(index, { value: event.currentTarget.value })} />}
              </Field>
              {subject.type === 'bank_account' && (
                <Field id={`subject-${index}-bank`} path={`subjects.${index}.bank`} labelText={t('ธนาคาร', 'Bank')} shown={shown}>
                  {(describedBy) => <input id={`subject-${index}-bank`} aria-describedby={describedBy} aria-invalid={Boolean(describedBy)} value={subject.bank} onInput={(event) => setSubject(index, { bank: event.currentTarget.value })} />}
                </Field>
              )}
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => set('subjects', [...draft.subjects, { type: 'phone', value: '', bank: '' }])}>
            {t('เพิ่มผู้ถูกร้อง', 'Add another')}
          </button>
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('บันทึกเรื่องร้องเรียน', 'Record the complaint')}
        </button>
      </form>
    </section>
  );
}
