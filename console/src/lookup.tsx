import { useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { CATEGORIES, label, SUBJECT_TYPES, t } from './text';

/** "Who else reported this number?": usable while the caller is on the line; nothing typed is stored. */
export function Lookup() {
  const [type, setType] = useState<Schemas['IdentifierLookupQuery']['type']>('phone');
  const [value, setValue] = useState('');
  const [bank, setBank] = useState('');
  const [found, setFound] = useState<Schemas['IdentifierLookupView']>();
  const [shown, setShown] = useState<Shown>();
  const search = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      setFound(await answer(hub.POST('/v1/matches/lookup', { body: { type, value, bank: type === 'bank_account' ? bank || undefined : undefined } })));
      setShown(undefined);
    } catch (error) {
      setFound(undefined);
      setShown(showProblem(error));
    }
  };
  return (
    <section aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('ใครเคยแจ้งเรื่องนี้บ้าง', 'Who else reported this?')}</h1>
      <form class="lookup" role="search" onSubmit={search}>
        <label for="lookup-type">{t('ชนิด', 'Type')}</label>
        <select id="lookup-type" value={type} onChange={(event) => setType(event.currentTarget.value as typeof type)}>
          {Object.keys(SUBJECT_TYPES).map((code) => (
            <option value={code}>{label(SUBJECT_TYPES, code)}</option>
          ))}
        </select>
        <label for="lookup-value">{t('เบอร์ บัญชี ลิงก์ หรือชื่อ', 'Number, account, link or name')}</label>
        <input id="lookup-value" autoComplete="off" value={value} onInput={(event) => setValue(event.currentTarget.value)} />
        {type === 'bank_account' && (
          <>
            <label for="lookup-bank">{t('ธนาคาร', 'Bank')}</label>
            <input id="lookup-bank" value={bank} onInput={(event) => setBank(event.currentTarget.value)} />
          </>
        )}
        <button type="submit">{t('ค้นหา', 'Look up')}</button>
      </form>
      <ProblemBanner shown={shown} />
      {found && (
        <div class="lookup-result" aria-live="polite">
          <p>
            {found.maskedValue} · {found.strength === 'strong' ? t('ตัวระบุที่เชื่อมโยงได้', 'links cases') : t('ใช้เป็นคำแนะนำเท่านั้น', 'a hint only, never links')} ·{' '}
            {t(`พบ ${found.cases.length} เรื่อง`, `${found.cases.length} case(s)`)}
          </p>
          <ul class="cases">
            {found.cases.map((found) => (
              <li>
                {found.complaintId ? <a href={`#/complaints/${found.complaintId}`}>{found.caseRef}</a> : found.caseRef} · {label(CATEGORIES, found.category)} · {found.agencies.join(', ')} ·{' '}
                {new Date(found.reportedAt).toLocaleDateString('th-TH')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
