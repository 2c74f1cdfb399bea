import { httpLogSource, parseVerifierKey, type LogSource, type NoteKey } from '@ocx/transparency-log';

/**
 * The hub's published log as the offline verifier reads it: checkpoints, their history, tiles and (with an auditor's
 * token) entry bundles, all over HTTP from `<hub>/v1/audit/log`. No database. Used by `npm run audit:verify` and the
 * tests; the partner SDK exports the same verifier.
 */
export function hubLogSource(hubUrl: string, options: { token?: string; fetch?: typeof fetch } = {}): LogSource {
  const prefix = `${hubUrl.replace(/\/$/, '')}/v1/audit/log`;
  const fetchImpl = options.fetch ?? fetch;
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const history = async (): Promise<string[]> => {
    const notes: string[] = [];
    for (let cursor: string | null = null; ;) {
      const response = await fetchImpl(`${prefix}/checkpoints?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers });
      if (!response.ok) throw new Error(`GET checkpoints answered HTTP ${response.status}`);
      const page = (await response.json()) as { checkpoints: Array<{ note: string }>; nextCursor: string | null };
      notes.push(...page.checkpoints.map((checkpoint) => checkpoint.note));
      if (!page.nextCursor) return notes;
      cursor = page.nextCursor;
    }
  };
  return httpLogSource(prefix, { headers, fetch: fetchImpl, checkpoints: history });
}

/** The log's origin and keys as the hub publishes them (trust them only as far as you trust where you read them). */
export async function hubLogKeys(hubUrl: string, fetchImpl: typeof fetch = fetch): Promise<{ origin: string; keys: NoteKey[] }> {
  const response = await fetchImpl(`${hubUrl.replace(/\/$/, '')}/v1/audit/log/keys`);
  if (!response.ok) throw new Error(`GET /v1/audit/log/keys answered HTTP ${response.status}`);
  const published = (await response.json()) as { origin: string; keys: string[] };
  return { origin: published.origin, keys: published.keys.map(parseVerifierKey) };
}
