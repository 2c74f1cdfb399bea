import type { HubDocumentType, HubDocumentTypes } from './documents.js';
import { HUB_DOCUMENT_JWS_TYPES } from './documents.js';
import { OcxDeliveryError, OcxVerificationError } from './errors.js';
import type { HubKeys, Verified } from './hub-keys.js';

/** Request headers as fetch (`Headers`), node:http, Express or Fastify hand them over. */
export type DeliveryHeaders = Headers | Record<string, string | string[] | undefined>;

/** A verified push: which document it carries, typed by its `documentType`. */
export type VerifiedDelivery = {
  [Type in HubDocumentType]: Verified<HubDocumentTypes[Type]> & {
    documentType: Type;
    /** The delivery id, the same on every retry of this push: de-duplicate on it. */
    webhookId: string;
    /** When the hub sent this attempt. */
    timestamp: Date;
  };
}[HubDocumentType];

/** Remembers the `webhook-id`s already verified, so that a replayed push is refused. */
export interface ReplayStore {
  /** Records the id until `expiresAt`; false when it was already there. Must be atomic where several processes share it. */
  remember(webhookId: string, expiresAt: Date): boolean | Promise<boolean>;
}

/** A ReplayStore in this process's memory (one receiver process); share one in Redis or SQL for several. */
export class MemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(webhookId: string, expiresAt: Date): boolean {
    const now = this.now();
    for (const [id, until] of this.seen) if (until <= now) this.seen.delete(id);
    if (this.seen.has(webhookId)) return false;
    this.seen.set(webhookId, expiresAt.getTime());
    return true;
  }
}

export interface DeliveryVerificationOptions {
  /** How far `webhook-timestamp` may be from your clock (default 300 s, as Standard Webhooks advise). */
  toleranceSeconds?: number;
  /** Refuse a `webhook-id` seen before (REPLAYED). Without one, de-duplicate on `webhookId` yourself. */
  replayStore?: ReplayStore;
}

const DOCUMENT_TYPES = Object.keys(HUB_DOCUMENT_JWS_TYPES) as HubDocumentType[];

/**
 * Checks a push from the hub: the headers (`webhook-id`, `webhook-timestamp` within the
 * tolerance, `ocx-document-type`), the JWS body against the hub's keys, that the signed
 * document is of the type the header says and addressed to you, and, with a replay store,
 * that this `webhook-id` is new. The id is remembered only after the signature checks, so
 * forged pushes cannot fill the store.
 */
export async function verifyPushedDelivery(
  rawBody: string | Uint8Array,
  headers: DeliveryHeaders,
  context: { hubKeys: HubKeys; recipient: string | undefined; now: () => number } & DeliveryVerificationOptions,
): Promise<VerifiedDelivery> {
  const webhookId = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const documentType = header(headers, 'ocx-document-type');
  if (!webhookId || webhookId.length > 200) throw new OcxDeliveryError('MISSING_HEADER', 'the webhook-id header is missing');
  if (!timestampText || !/^\d{1,12}$/.test(timestampText)) throw new OcxDeliveryError('MISSING_HEADER', 'the webhook-timestamp header is missing or not seconds since the epoch');
  if (!documentType || !DOCUMENT_TYPES.includes(documentType as HubDocumentType)) {
    throw new OcxDeliveryError('MISSING_HEADER', `the ocx-document-type header is missing or not one of ${DOCUMENT_TYPES.join(', ')}`);
  }
  const toleranceMs = (context.toleranceSeconds ?? 300) * 1000;
  const timestamp = new Date(Number(timestampText) * 1000);
  const skew = timestamp.getTime() - context.now();
  if (skew < -toleranceMs) throw new OcxDeliveryError('STALE_TIMESTAMP', `sent ${Math.round(-skew / 1000)} s ago, more than the ${toleranceMs / 1000} s allowed`);
  if (skew > toleranceMs) throw new OcxDeliveryError('FUTURE_TIMESTAMP', `timestamped ${Math.round(skew / 1000)} s in the future, more than the ${toleranceMs / 1000} s allowed`);
  const jws = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  let verified: Verified<HubDocumentTypes[HubDocumentType]>;
  try {
    verified = await context.hubKeys.verify(jws, documentType as HubDocumentType, context.recipient);
  } catch (error) {
    if (error instanceof OcxVerificationError) {
      throw new OcxDeliveryError(error.code === 'WRONG_DOCUMENT_TYPE' ? 'DOCUMENT_TYPE_MISMATCH' : error.code, error.message, { cause: error });
    }
    throw error;
  }
  if (context.replayStore && !(await context.replayStore.remember(webhookId, new Date(context.now() + 2 * toleranceMs)))) {
    throw new OcxDeliveryError('REPLAYED', `delivery ${webhookId} was received before`);
  }
  return { ...verified, documentType, webhookId, timestamp } as VerifiedDelivery;
}

function header(headers: DeliveryHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name)?.trim() || undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}
