import { useEffect, useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { ConfirmButton } from './confirm-button';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { CATEGORIES, DATA_CLASS_LABELS, label, SUB_CATEGORIES, t } from './text';

/** What admins keep: the partner registry and keys, routing rules, failed pushes, the hub's signing key. */
export function Admin() {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('ผู้ดูแลระบบ', 'Administration')}</h1>
      <Partners />
      <RoutingRules />
      <WarningList />
      <DeadDeliveries />
      <SigningKeys />
    </section>
  );
}

function useLoad<Data>(load: () => Promise<Data>): { data: Data | undefined; shown: Shown | undefined; reload: () => Promise<void>; fail: (error: unknown) => void } {
  const [data, setData] = useState<Data>();
  const [shown, setShown] = useState<Shown>();
  const reload = async (): Promise<void> => {
    try {
      setData(await load());
      setShown(undefined);
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  useEffect(() => void reload(), []);
  return { data, shown, reload, fail: (error) => setShown(showProblem(error)) };
}

function Partners() {
  const { data, shown, reload } = useLoad(() => answer(hub.GET('/v1/partners', {})));
  const [open, setOpen] = useState<string>();
  return (
    <section aria-labelledby="partners-title">
      <h2 id="partners-title">{t('หน่วยงานและกุญแจ', 'Partners and their keys')}</h2>
      <ProblemBanner shown={shown} />
      <table class="complaints">
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">{t('ชื่อ', 'Name')}</th>
            <th scope="col">{t('ประเภท', 'Kind')}</th>
            <th scope="col">{t('การรับเรื่อง', 'Delivery')}</th>
            <th scope="col">{t('ข้อมูลที่ได้รับตามฐานอำนาจ', 'Data its legal basis covers')}</th>
            <th scope="col">{t('กุญแจ', 'Keys')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.partners ?? []).map((partner) => (
            <tr key={partner.id}>
              <td>{partner.id}</td>
              <td>{t(partner.nameTh, partner.nameEn)}</td>
              <td>{partner.kind}</td>
              <td>{partner.deliveryMode}</td>
              <td>{partner.dataClasses.map((dataClass) => label(DATA_CLASS_LABELS, dataClass)).join(', ')}</td>
              <td>
                <button type="button" class="secondary" aria-expanded={open === partner.id} onClick={() => setOpen(open === partner.id ? undefined : partner.id)}>
                  {open === partner.id ? t('ซ่อน', 'Hide') : t('ดูกุญแจ', 'Keys')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <PartnerKeys partnerId={open} onChanged={reload} />}
    </section>
  );
}

function PartnerKeys({ partnerId, onChanged }: { partnerId: string; onChanged: () => Promise<void> }) {
  const { data, shown, reload, fail } = useLoad(() => answer(hub.GET('/v1/partners/{partnerId}/keys', { params: { path: { partnerId } } })));
  const [jwkText, setJwkText] = useState('');
  const [reason, setReason] = useState('');
  const [added, setAdded] = useState<Shown>();
  return (
    <div class="keys" aria-live="polite">
      <h3>
        {t('กุญแจของ', 'Keys of')} {partnerId}
      </h3>
      <ProblemBanner shown={shown} />
      <ul>
        {(data?.keys ?? []).map((key) => (
          <li key={key.kid}>
            <code>{key.kid}</code> · {key.status}
            {key.revokedAt ? ` · ${t('เพิกถอนแล้ว', 'revoked')} ${new Date(key.revokedAt).toLocaleString('th-TH')} (${key.revocationReason ?? ''})` : ''}
            {key.status === 'active' && (
              <>
                {' '}
                <ConfirmButton
                  label={t('เพิกถอน', 'Revoke')}
                  question={t(`เพิกถอนกุญแจ ${key.kid.slice(0, 8)}…? หน่วยงานจะใช้กุญแจนี้ไม่ได้อีก`, `Revoke key ${key.kid.slice(0, 8)}…? The partner can no longer use it.`)}
                  onConfirm={async () => {
                    try {
                      await answer(hub.POST('/v1/partners/{partnerId}/keys/{kid}/revoke', { params: { path: { partnerId, kid: key.kid } }, body: { reason: reason || undefined } }));
                      await reload();
                      await onChanged();
                    } catch (error) {
                      fail(error);
                    }
                  }}
                />
              </>
            )}
          </li>
        ))}
      </ul>
      <label for="revoke-reason">{t('เหตุผลการเพิกถอน (ถ้ามี)', 'Reason for a revocation (optional)')}</label>
      <input id="revoke-reason" value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            const jwk = JSON.parse(jwkText) as Record<string, unknown>;
            await answer(hub.POST('/v1/partners/{partnerId}/keys', { params: { path: { partnerId } }, body: { jwk } }));
            setJwkText('');
            setAdded(undefined);
            await reload();
          } catch (error) {
            setAdded(error instanceof SyntaxError ? { message: t('ไม่ใช่ JSON ที่ถูกต้อง', 'That is not valid JSON.'), fields: {} } : showProblem(error));
          }
        }}
      >
        <label for="new-jwk">{t('เพิ่มกุญแจสาธารณะ (JWK แบบ JSON)', 'Register a public key (JWK as JSON)')}</label>
        <textarea id="new-jwk" rows={3} value={jwkText} onInput={(event) => setJwkText(event.currentTarget.value)} />
        <ProblemBanner shown={added} />
        <button type="submit" disabled={!jwkText.trim()}>
          {t('เพิ่มกุญแจ', 'Register the key')}
        </button>
      </form>
    </div>
  );
}

const WARNING_TYPES: Record<string, [string, string]> = {
  phone: ['เบอร์โทรศัพท์', 'Phone'],
  bank_account: ['บัญชีธนาคาร', 'Bank account'],
  url: ['เว็บไซต์', 'Site'],
  line_id: ['LINE', 'LINE id'],
  email: ['อีเมล', 'E-mail'],
};

/** Official numbers, accounts and sites (a bank's call centre, a government site): they link no case (§2.5). */
function WarningList() {
  const { data, shown, reload, fail } = useLoad(() => answer(hub.GET('/v1/warning-list', {})));
  const [entry, setEntry] = useState({ type: 'phone', value: '', bank: '', domain: false, label: '', source: '' });
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<Shown>();
  return (
    <section aria-labelledby="warning-title">
      <h2 id="warning-title">{t('รายการเบอร์และเว็บไซต์ทางการ (ไม่ใช้เชื่อมโยงเรื่อง)', 'Official numbers and sites (never linked)')}</h2>
      <ProblemBanner shown={shown} />
      <ul class="warning-list">
        {(data?.entries ?? []).map((listed) => (
          <li key={listed.id} data-value={listed.value}>
            <strong>{listed.label}</strong> · <span class="code">{listed.scope === 'domain' ? `*.${listed.value}` : listed.value}</span> · {t('ที่มา', 'source')}: {listed.source}{' '}
            <ConfirmButton
              label={t('นำออก', 'Remove')}
              question={t('นำออกจากรายการ? เรื่องที่อ้างถึงค่านี้จะเชื่อมโยงกันได้อีก', 'Take it off the list? Cases quoting it will link again')}
              disabled={reason.trim().length < 3}
              onConfirm={async () => {
                try {
                  await answer(hub.POST('/v1/warning-list/{entryId}/removal', { params: { path: { entryId: listed.id } }, body: { reason: reason.trim() } }));
                  await reload();
                } catch (error) {
                  fail(error);
                }
              }}
            />
          </li>
        ))}
      </ul>
      <label for="warning-removal-reason">{t('เหตุผลที่นำออก', 'Why an entry is removed')}</label>
      <input id="warning-removal-reason" value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      <form
        class="filters"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await answer(hub.POST('/v1/warning-list', {
              body: {
                type: entry.type as Schemas['CreateWarningEntryDto']['type'],
                value: entry.value.trim(),
                ...(entry.type === 'bank_account' && entry.bank.trim() ? { bank: entry.bank.trim() } : {}),
                scope: entry.type === 'url' && entry.domain ? 'domain' : 'exact',
                label: entry.label.trim(),
                source: entry.source.trim(),
              },
            }));
            setRefused(undefined);
            setEntry({ ...entry, value: '', bank: '', label: '', source: '' });
            await reload();
          } catch (error) {
            setRefused(showProblem(error));
          }
        }}
      >
        <label>
          {t('ชนิด', 'Type')}
          <select value={entry.type} onChange={(event) => setEntry({ ...entry, type: event.currentTarget.value })}>
            {Object.keys(WARNING_TYPES).map((code) => (
              <option value={code}>{label(WARNING_TYPES, code)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('ค่า', 'Value')}
          <input name="warning-value" value={entry.value} onInput={(event) => setEntry({ ...entry, value: event.currentTarget.value })} />
        </label>
        {entry.type === 'bank_account' && (
          <label>
            {t('ธนาคาร', 'Bank')}
            <input name="warning-bank" value={entry.bank} onInput={(event) => setEntry({ ...entry, bank: event.currentTarget.value })} />
          </label>
        )}
        {entry.type === 'url' && (
          <label>
            <input type="checkbox" checked={entry.domain} onChange={(event) => setEntry({ ...entry, domain: event.currentTarget.checked })} />
            {t('ทั้งโดเมน', 'The whole domain')}
          </label>
        )}
        <label>
          {t('ของใคร', 'Whose it is')}
          <input name="warning-label" value={entry.label} onInput={(event) => setEntry({ ...entry, label: event.currentTarget.value })} />
        </label>
        <label>
          {t('ที่มา', 'Source')}
          <input name="warning-source" value={entry.source} onInput={(event) => setEntry({ ...entry, source: event.currentTarget.value })} />
        </label>
        <button type="submit">{t('เพิ่มในรายการ', 'Add to the list')}</button>
        <ProblemBanner shown={refused} />
      </form>
    </section>
  );
}

function RoutingRules() {
  const { data, shown, reload, fail } = useLoad(() => answer(hub.GET('/v1/routing-rules', {})));
  const [rule, setRule] = useState({ category: 'shopping', subCategory: '', partnerId: '', priority: '10', note: '' });
  const [refused, setRefused] = useState<Shown>();
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('กฎการส่งต่อ', 'Routing rules')}</h2>
      <ProblemBanner shown={shown} />
      <ul class="rules">
        {(data?.rules ?? []).map((existing) => (
          <li key={existing.id}>
            {label(CATEGORIES, existing.category)}
            {existing.subCategory ? ` / ${label(SUB_CATEGORIES, existing.subCategory)}` : ''} → <strong>{existing.partnerId}</strong> ({existing.priority}){' '}
            <ConfirmButton
              label={t('ลบ', 'Delete')}
              question={t('ลบกฎนี้?', 'Delete this rule?')}
              onConfirm={async () => {
                try {
                  await answer(hub.DELETE('/v1/routing-rules/{ruleId}', { params: { path: { ruleId: existing.id } } }));
                  await reload();
                } catch (error) {
                  fail(error);
                }
              }}
            />
          </li>
        ))}
      </ul>
      <form
        class="filters"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await answer(
              hub.POST('/v1/routing-rules', {
                body: {
                  category: rule.category as Schemas['CreateRoutingRuleDto']['category'],
                  subCategory: (rule.subCategory || undefined) as Schemas['CreateRoutingRuleDto']['subCategory'],
                  partnerId: rule.partnerId.trim(),
                  priority: Number(rule.priority),
                  note: rule.note.trim() || undefined,
                },
              }),
            );
            setRefused(undefined);
            await reload();
          } catch (error) {
            setRefused(showProblem(error));
          }
        }}
      >
        <label>
          {t('ประเภท', 'Category')}
          <select value={rule.category} onChange={(event) => setRule({ ...rule, category: event.currentTarget.value, subCategory: '' })}>
            {Object.keys(CATEGORIES).map((code) => (
              <option value={code}>{label(CATEGORIES, code)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('ประเภทย่อย', 'Sub-category')}
          <select value={rule.subCategory} onChange={(event) => setRule({ ...rule, subCategory: event.currentTarget.value })}>
            <option value="">{t('ทุกประเภทย่อย', 'Every sub-category')}</option>
            {CATEGORIES[rule.category]![2].map((code) => (
              <option value={code}>{label(SUB_CATEGORIES, code)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('หน่วยงาน (id)', 'Partner (id)')}
          <input value={rule.partnerId} onInput={(event) => setRule({ ...rule, partnerId: event.currentTarget.value })} />
        </label>
        <label>
          {t('ลำดับ', 'Priority')}
          <input type="number" value={rule.priority} onInput={(event) => setRule({ ...rule, priority: event.currentTarget.value })} />
        </label>
        <button type="submit">{t('เพิ่มกฎ', 'Add the rule')}</button>
      </form>
      <ProblemBanner shown={refused} />
    </section>
  );
}

function DeadDeliveries() {
  const { data, shown, reload, fail } = useLoad(() => answer(hub.GET('/v1/deliveries', { params: { query: { status: 'dead', limit: 100 } } })));
  return (
    <section aria-labelledby="dead-title">
      <h2 id="dead-title">{t('การส่งที่ล้มเหลว', 'Failed pushes')}</h2>
      <ProblemBanner shown={shown} />
      {data?.deliveries.length === 0 && <p>{t('ไม่มีรายการ', 'None.')}</p>}
      <ul>
        {(data?.deliveries ?? []).map((delivery) => (
          <li key={delivery.id}>
            {delivery.partnerId} · {delivery.documentType} · {delivery.attempts} {t('ครั้ง', 'attempts')} · {delivery.lastError ?? ''}{' '}
            <ConfirmButton
              label={t('ส่งใหม่', 'Redeliver')}
              question={t('ส่งรายการนี้ใหม่?', 'Send this push again?')}
              onConfirm={async () => {
                try {
                  await answer(hub.POST('/v1/deliveries/{deliveryId}/redeliver', { params: { path: { deliveryId: delivery.id } } }));
                  await reload();
                } catch (error) {
                  fail(error);
                }
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function SigningKeys() {
  const { data, shown, reload, fail } = useLoad(() => answer(hub.GET('/v1/signing/keys', {})));
  return (
    <section aria-labelledby="signing-title">
      <h2 id="signing-title">{t('กุญแจลงนามของระบบ', "The hub's signing keys")}</h2>
      <ProblemBanner shown={shown} />
      <ul>
        {(data?.keys ?? []).map((key: Schemas['HubSigningKeyView']) => (
          <li key={key.kid}>
            <code>{key.kid}</code> · {key.status}
            {key.verifyUntil ? ` · ${t('ตรวจสอบได้ถึง', 'verifies until')} ${new Date(key.verifyUntil).toLocaleString('th-TH')}` : ''}
          </li>
        ))}
      </ul>
      <ConfirmButton
        label={t('เปลี่ยนกุญแจลงนาม', 'Rotate the signing key')}
        question={t('สร้างกุญแจใหม่และเลิกใช้กุญแจปัจจุบัน? เอกสารเดิมยังตรวจสอบได้', 'Make a new key and retire the current one? Documents already signed still verify.')}
        onConfirm={async () => {
          try {
            await answer(hub.POST('/v1/signing/keys/rotate', {}));
            await reload();
          } catch (error) {
            fail(error);
          }
        }}
      />
    </section>
  );
}
