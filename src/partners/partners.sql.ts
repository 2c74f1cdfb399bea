import type { PartnerKind } from '../standard/codes.js';
import type { DataClass } from '../standard/data-classes.js';

/**
 * The partners module's SQL parts: `partner` and `partner_key` are named only here and
 * in the module's repositories. Statements of other modules compose these.
 */

/**
 * An SQL condition for a statement that records a partner's document verified with
 * a key from `knownKeyMaterial`: true only while that key is registered with that
 * thumbprint, active and unexpired as the statement runs. The arguments are the SQL
 * expressions (parameters) holding the partner id, the kid and the thumbprint.
 */
export function usablePartnerKey(partner: string, kid: string, thumbprint: string): string {
  return `EXISTS (SELECT 1 FROM partner_key k WHERE k.partner_id = ${partner} AND k.kid = ${kid} AND k.thumbprint = ${thumbprint}
    AND k.status = 'active' AND (k.expires_at IS NULL OR k.expires_at > now()))`;
}

/** What dispatch needs to know of a partner. */
export interface DispatchTarget {
  id: string;
  kind: PartnerKind;
  /** What its legal basis covers (§2.1). */
  dataClasses: DataClass[];
  active: boolean;
  deliveryMode: 'push' | 'pull';
  endpointUrl: string | null;
  slaResolveDays: number;
}

/**
 * A scalar subquery: the partners with these ids (`ids` a placeholder for varchar[]) as a
 * JSON array of what dispatch needs to know of each (`DispatchTarget`).
 */
export function dispatchTargets(ids: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'dataClasses', p.data_classes, 'active', p.active, 'deliveryMode', p.delivery_mode,
                    'endpointUrl', p.endpoint_url, 'slaResolveDays', p.sla_resolve_days)), '[]') FROM partner p WHERE p.id = ANY(${ids}::varchar[]))`;
}

/** The channel on which hub processes learn that a partner's access changed (payload: the partner id). */
export const ACCESS_CHANNEL = 'ocx_partner_access';

/** Tells every hub process, at commit, that partner $1's access changed (deactivated, a key revoked). */
export const NOTIFY_ACCESS_CHANGED = `SELECT pg_notify('${ACCESS_CHANNEL}', $1)`;

/** Whether partner $1 is active, and each of its keys with its state. */
export const PARTNER_ACCESS = `SELECT p.active,
       coalesce(json_agg(json_build_object('kid', k.kid, 'active', k.status = 'active', 'expiresAt', k.expires_at)) FILTER (WHERE k.kid IS NOT NULL), '[]') AS keys
  FROM partner p LEFT JOIN partner_key k ON k.partner_id = p.id WHERE p.id = $1 GROUP BY p.id`;
