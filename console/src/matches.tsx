import { useEffect, useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { ConfirmButton } from './confirm-button';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { CATEGORIES, label, SUBJECT_TYPES, t } from './text';

const via = (identifiers: Schemas['IdentifierSummaryView'][]): string => identifiers.map((identifier) => `${label(SUBJECT_TYPES, identifier.identifierType)} ${identifier.maskedValue}`).join(', ');

/** Who else reported the same people: cases linked through a strong identifier, and name-only suggestions. */
export function MatchesPanel({ complaintId }: { complaintId: string }) {
  const [matches, setMatches] = useState<Schemas['ComplaintMatchesView']>();
  const [shown, setShown] = useState<Shown>();
  useEffect(() => {
    void answer(hub.GET('/v1/complaints/{complaintId}/matches', { params: { path: { complaintId } } })).then(setMatches, (error: unknown) => setShown(showProblem(error)));
  }, [complaintId]);
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">{t('เรื่องที่เกี่ยวข้อง', 'Linked cases')}</h2>
      <ProblemBanner shown={shown} />
      {matches && (
        <>
          <p class="hint">
            {t('ตัวระบุของเรื่องนี้', "This complaint's identifiers")}: {via(matches.identifiers) || '—'} · <a href={`#/clusters/${matches.clusterId}`}>{t('ดูกลุ่มเรื่อง', 'Open the cluster')}</a>
          </p>
          {matches.linked.length === 0 && <p>{t('ยังไม่พบเรื่องที่ใช้ตัวระบุเดียวกัน', 'No other case shares an identifier yet.')}</p>}
          <ul class="linked">
            {matches.linked.map((linked) => (
              <li key={linked.caseId}>
                {linked.complaintId ? <a href={`#/complaints/${linked.complaintId}`}>{linked.caseRef}</a> : linked.caseRef} · {label(CATEGORIES, linked.category)} · {linked.agencies.join(', ')} · {t('เชื่อมโดย', 'via')}{' '}
                {via(linked.via)}
              </li>
            ))}
          </ul>
          {matches.suggestions.length > 0 && (
            <>
              <h3>{t('อาจเกี่ยวข้อง (ชื่อตรงกัน ไม่ได้เชื่อมอัตโนมัติ)', 'Possibly related (shared names; never linked by themselves)')}</h3>
              <ul>
                {matches.suggestions.map((suggestion) => (
                  <li key={suggestion.caseId}>
                    {suggestion.complaintId ? <a href={`#/complaints/${suggestion.complaintId}`}>{suggestion.caseRef}</a> : suggestion.caseRef} · {via(suggestion.via)} · {Math.round(suggestion.score * 100)}%
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A cluster: every case in it and the identifiers that hold it together; a wrong link is split off with a reason. */
export function ClusterPage({ clusterId }: { clusterId: string }) {
  const [cluster, setCluster] = useState<Schemas['ClusterView']>();
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [result, setResult] = useState<string>();
  const load = async (): Promise<void> => {
    try {
      setCluster(await answer(hub.GET('/v1/clusters/{clusterId}', { params: { path: { clusterId } } })));
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  useEffect(() => void load(), [clusterId]);
  return (
    <section aria-labelledby="cluster-title">
      <h1 id="cluster-title">{t('กลุ่มเรื่องที่เชื่อมโยงกัน', 'Linked cases (cluster)')}</h1>
      <ProblemBanner shown={shown} />
      {result && <p role="status">{result}</p>}
      {cluster && (
        <>
          <p>
            {t('หน่วยงาน', 'Agencies')}: {cluster.agencies.join(', ')}
          </p>
          <label for="split-reason">{t('เหตุผลการแยก (บันทึกในประวัติ)', 'Why a link is wrong (kept in the audit log)')}</label>
          <input id="split-reason" value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
          {cluster.cases.map((kase) => (
            <article class="referral" key={kase.caseId}>
              <h3>
                {kase.complaintId ? <a href={`#/complaints/${kase.complaintId}`}>{kase.caseRef}</a> : kase.caseRef} · {kase.agencies.join(', ')}
              </h3>
              <ul>
                {kase.identifiers.map((identifier) => (
                  <li key={identifier.ref}>
                    {label(SUBJECT_TYPES, identifier.identifierType)} {identifier.maskedValue}
                    {!identifier.linking && ` · ${t('แยกแล้ว', 'split off')}`}{' '}
                    {identifier.strength === 'strong' && identifier.linking && cluster.cases.length > 1 && (
                      <ConfirmButton
                        label={t('แยกออก', 'Split off')}
                        question={t('ตัวระบุนี้จะไม่เชื่อมเรื่องนี้กับเรื่องอื่นอีก', 'This identifier will no longer link this case to others.')}
                        disabled={!reason.trim()}
                        onConfirm={async () => {
                          try {
                            const split = await answer(hub.POST('/v1/clusters/{clusterId}/splits', { params: { path: { clusterId } }, body: { caseId: kase.caseId, identifier: identifier.ref, reason: reason.trim() } }));
                            setResult(`${t('แยกแล้วเป็น', 'Split into')} ${split.clusterIds.length} ${t('กลุ่ม', 'clusters')}`);
                            setShown(undefined);
                            await load();
                          } catch (error) {
                            setShown(showProblem(error));
                          }
                        }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </>
      )}
    </section>
  );
}
