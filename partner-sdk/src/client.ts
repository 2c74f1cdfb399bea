import { parseVerifierKey, verifyInclusionBundle, type NoteKey } from '@ocx/transparency-log';
import { calculateJwkThumbprint, type CryptoKey, type JWK } from 'jose';
import { createHash } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import { verifyPushedDelivery, type DeliveryHeaders, type DeliveryVerificationOptions, type VerifiedDelivery } from './deliveries.js';
import {
  OCX_VERSION,
  type Acknowledgement,
  type AcknowledgementInput,
  type CaseShare,
  type CaseShareInput,
  type Correction,
  type CorrectionState,
  type HubDocument,
  type HubDocumentType,
  type CaseShareReceipt,
  type EvidenceItem,
  type FeedEntry,
  type MatchNotice,
  type PartnerMatch,
  type Problem,
  type Referral,
  type ReferralStatus,
  type ReferralView,
  type Retraction,
  type StatusEvent,
  type StatusUpdate,
  type TakedownAnswer,
  type TakedownRequest,
  type TakedownResponse,
  type TakedownView,
} from './documents.js';
import { OcxNetworkError, OcxProblemError, OcxVerificationError } from './errors.js';
import { receiveEvidence, type DownloadedEvidence, type EvidenceDestination } from './evidence.js';
import type { paths } from './generated/openapi.js';
import { HubKeys, type Verified } from './hub-keys.js';
import { createTransport, DEFAULT_RETRY_POLICY, retryAfterMs, type Fetch, type RetryPolicy } from './request.js';
import { signPartnerDocument } from './signing.js';
import { importPartnerKey, TokenSource } from './tokens.js';

export interface OcxClientOptions {
  /** The hub, e.g. `https://ocx.example.go.th` (no path). */
  baseUrl: string;
  /** Your partner id at the hub (`ocpb`, `shopee`, …). */
  partnerId: string;
  /** Your private EC P-256 key as a JWK; its public half is registered at the hub. */
  privateJwk: JWK;
  /** The key id the hub registered; default the JWK's `kid`, else its RFC 7638 thumbprint (the hub's default). */
  kid?: string;
  /** The hub's issuer identifier, the audience of your client assertions (default `urn:ocx:hub`). */
  audience?: string;
  /** Ask for fewer scopes than you have, space-separated (default: all of them). */
  scope?: string;
  retry?: Partial<RetryPolicy>;
  /** Where the hub's keys are (default `<baseUrl>/.well-known/jwks.json`). */
  jwksUrl?: string;
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  fetch?: Fetch;
  /** The clock, in milliseconds since the epoch (default Date.now). */
  now?: () => number;
}

/** One page of a list, and where the next one starts. */
export interface Page<Entry> {
  entries: Entry[];
  nextCursor: string | null;
  /** For feeds that are polled: where to start the next poll (after the last entry seen). */
  pollCursor?: string | null;
}

/** An async iterator over every entry of a paged list; `cursor` is where to resume later (for a feed, after the last entry seen). */
export interface Listing<Entry> extends AsyncIterable<Entry> {
  readonly cursor: string | undefined;
}

/** A referral as the hub signed it, verified, with its current state at the hub. */
export type VerifiedReferral = Verified<Referral> & { state: ReferralView };
/** A takedown request as the hub signed it, verified, with its current state at the hub. */
export type VerifiedTakedown = Verified<TakedownRequest> & { state: TakedownView };

type Api = Client<paths>;

/**
 * The OCX hub for a partner agency or platform. Tokens are fetched and renewed for you; every
 * document the hub signed is verified against its JWKS before you see it (an unverified one is
 * never returned), every document you send is signed with your key, and failures are typed
 * errors: OcxProblemError (the hub refused, with its problem document), OcxVerificationError,
 * OcxEvidenceMismatchError, OcxNetworkError.
 */
export class OcxClient {
  /** The generated, typed client for the routes this class does not wrap (authenticated, retried). */
  readonly api: Api;
  readonly partnerId: string;
  readonly referrals: ReferralsResource;
  readonly evidence: EvidenceResource;
  readonly cases: CasesResource;
  readonly matches: MatchesResource;
  readonly matchNotices: MatchNoticesResource;
  /** Corrections and Retractions of your referrals (OCX §2.7): each must be acknowledged (`referrals.acknowledge`). */
  readonly corrections: CorrectionsResource;
  readonly takedowns: TakedownsResource;
  readonly auditLog: AuditLogResource;
  private readonly hubKeys: HubKeys;
  private readonly signer: Promise<{ key: CryptoKey; kid: string; now: () => number }>;
  private readonly now: () => number;

  constructor(options: OcxClientOptions) {
    const baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.partnerId = options.partnerId;
    const now = options.now ?? Date.now;
    this.now = now;
    const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const baseFetch: Fetch = options.fetch ?? ((request) => fetch(request));
    const userAgent = 'ocx-partner-sdk/1.0.0';
    const anonymous = createTransport({ fetch: baseFetch, retry, userAgent });
    this.signer = (async () => {
      const { key, kid } = await importPartnerKey(options.privateJwk);
      return { key, kid: options.kid ?? kid ?? (await calculateJwkThumbprint(options.privateJwk, 'sha256')), now };
    })();
    // Surface a bad key when it is first used, not as an unhandled rejection.
    this.signer.catch(() => undefined);
    const tokens = this.signer.then(
      (signer) => new TokenSource({ baseUrl, partnerId: options.partnerId, kid: signer.kid, privateKey: signer.key, audience: options.audience ?? 'urn:ocx:hub', scope: options.scope, fetch: anonymous, now }),
    );
    tokens.catch(() => undefined);
    const authenticated = createTransport({ fetch: baseFetch, retry, userAgent, authorization: async (refresh) => (await tokens).token(refresh) });
    this.api = createClient<paths>({ baseUrl, fetch: authenticated });
    this.hubKeys = new HubKeys({ jwksUrl: new URL(options.jwksUrl ?? `${baseUrl}/.well-known/jwks.json`), fetch: anonymous });
    const context: ResourceContext = {
      api: this.api,
      partnerId: this.partnerId,
      verify: (jws, type) => this.hubKeys.verify(jws, type, this.partnerId),
      sign: async (document) => signPartnerDocument(document, await this.signer),
      now,
    };
    this.referrals = new ReferralsResource(context);
    this.evidence = new EvidenceResource(context);
    this.cases = new CasesResource(context);
    this.matches = new MatchesResource(context);
    this.matchNotices = new MatchNoticesResource(context);
    this.corrections = new CorrectionsResource(context);
    this.takedowns = new TakedownsResource(context);
    this.auditLog = new AuditLogResource(context);
  }

  /**
   * Verifies a push the hub sent to your endpoint (`rawBody`: the request body exactly as
   * received, a string or bytes; `headers`: as node:http, Express, Fastify or fetch give them).
   * Returns the typed, verified document, or throws OcxDeliveryError saying why not.
   */
  verifyDelivery(rawBody: string | Uint8Array, headers: DeliveryHeaders, options: DeliveryVerificationOptions = {}): Promise<VerifiedDelivery> {
    return verifyPushedDelivery(rawBody, headers, { ...options, hubKeys: this.hubKeys, recipient: this.partnerId, now: this.now });
  }
}

interface ResourceContext {
  api: Api;
  partnerId: string;
  verify: HubKeys['verify'];
  sign: (document: StatusEvent | CaseShare | TakedownResponse | Acknowledgement) => Promise<string>;
  now: () => number;
}

/** The hub's answer, or an OcxProblemError carrying its problem document. */
function answer<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (result.response.ok && result.data !== undefined) return result.data;
  const problem = (result.error && typeof result.error === 'object' ? result.error : { detail: String(result.error ?? result.response.statusText) }) as Problem;
  throw new OcxProblemError(problem, result.response.status, (retryAfterMs(result.response.headers.get('retry-after'), Date.now()) ?? 0) / 1000 || undefined);
}

function listing<Entry>(fetchPage: (cursor: string | undefined) => Promise<Page<Entry>>, start: string | undefined): Listing<Entry> {
  let cursor = start;
  return {
    get cursor() {
      return cursor;
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const page = await fetchPage(cursor);
        if (page.pollCursor !== undefined) cursor = page.pollCursor ?? cursor;
        else if (page.nextCursor) cursor = page.nextCursor;
        for (const entry of page.entries) yield entry;
        if (!page.nextCursor || page.entries.length === 0) return;
      }
    },
  };
}

const jose = { 'content-type': 'application/jose' } as const;
const acceptJson = { accept: 'application/json' } as const;

/** A route that can answer JSON or a bare JWS, asked for JSON. */
function json<View extends object>(answered: View | string): View {
  if (typeof answered === 'string') throw new OcxNetworkError('the hub answered a JWS where JSON was asked for');
  return answered;
}
const sendAsIs = (body: unknown): string => body as string;

class ReferralsResource {
  constructor(private readonly context: ResourceContext) {}

  /** Your referrals, page after page (all of them, or those in one status). */
  list(options: { status?: ReferralStatus; cursor?: string; pageSize?: number } = {}): Listing<FeedEntry> {
    return listing(async (cursor) => {
      const page = answer(await this.context.api.GET('/v1/partner/referrals', { params: { query: { status: options.status, cursor, limit: options.pageSize } } }));
      return { entries: page.referrals, nextCursor: page.nextCursor ?? null };
    }, options.cursor);
  }

  /** The latest signed Referral, verified against the hub's keys and addressed to you, with its state at the hub. */
  async get(referralId: string): Promise<VerifiedReferral> {
    const view = json(answer(await this.context.api.GET('/v1/partner/referrals/{referralId}', { params: { path: { referralId } }, headers: acceptJson })));
    // Only the JWS is trusted: the decoded `document` beside it is the hub's convenience, not proof.
    const verified = await this.context.verify(view.jws, 'ocx.referral');
    return { ...verified, state: view.referral };
  }

  /**
   * The documents the hub issued about one of your referrals after number `after` of its stream (OCX §4.7), in
   * order, each verified: Referral versions and MatchNotices about it. Call it when a document's `sequence` skips
   * one: process what it returns in order, then the document that showed the gap.
   */
  async documents(referralId: string, after = 0): Promise<{ lastSequence: number; documents: Array<Verified<HubDocument>> }> {
    const stream = answer(await this.context.api.GET('/v1/partner/referrals/{referralId}/documents', { params: { path: { referralId }, query: { after } } }));
    const documents = await Promise.all(stream.documents.map((document) => this.context.verify(document.jws, document.type as HubDocumentType) as Promise<Verified<HubDocument>>));
    return { lastSequence: stream.lastSequence, documents };
  }

  /**
   * Answers a Correction or Retraction of your referral with a signed Acknowledgement (OCX §2.7): `applied` once
   * done, or `retained` with the law under which you keep the data. A retry sends the same signed bytes.
   */
  async acknowledge(notice: Verified<Correction> | Verified<Retraction>, answerToNotice: AcknowledgementInput): Promise<CorrectionState> {
    const { referralId } = notice.document;
    const acknowledgement: Acknowledgement = {
      ...answerToNotice,
      type: 'ocx.acknowledgement',
      ocxVersion: OCX_VERSION,
      id: crypto.randomUUID(),
      issuedAt: new Date(this.context.now()).toISOString(),
      referralId,
      partnerId: this.context.partnerId,
      acknowledges: notice.document.id,
    };
    const jws = await this.context.sign(acknowledgement);
    return answer(await this.context.api.POST('/v1/partner/referrals/{referralId}/acknowledgements', { params: { path: { referralId } }, body: jws, headers: jose, bodySerializer: sendAsIs }));
  }

  /**
   * Signs a StatusEvent (a fresh id, now, your partner id) and sends it. A retry sends the
   * same signed bytes, which the hub recognises, so an event is never recorded twice.
   */
  async updateStatus(referralId: string, update: StatusUpdate): Promise<ReferralView> {
    const event: StatusEvent = {
      ...update,
      type: 'ocx.status-event',
      ocxVersion: OCX_VERSION,
      id: crypto.randomUUID(),
      issuedAt: new Date(this.context.now()).toISOString(),
      referralId,
      partnerId: this.context.partnerId,
    };
    const jws = await this.context.sign(event);
    return answer(await this.context.api.POST('/v1/partner/referrals/{referralId}/events', { params: { path: { referralId } }, body: jws, headers: jose, bodySerializer: sendAsIs }));
  }
}

class EvidenceResource {
  constructor(private readonly context: ResourceContext) {}

  /**
   * Streams one evidence file of a verified referral to `destination` and checks its size and
   * SHA-256 against the signed manifest (OcxEvidenceMismatchError otherwise, and no file left).
   */
  async download(referral: Verified<Referral>, item: EvidenceItem | string, destination: EvidenceDestination): Promise<DownloadedEvidence> {
    const entry = manifestItem(referral.document.evidence, item, `referral ${referral.document.referralId}`);
    const result = await this.context.api.GET('/v1/partner/referrals/{referralId}/evidence/{evidenceId}', {
      params: { path: { referralId: referral.document.referralId, evidenceId: entry.id } },
      parseAs: 'stream',
    });
    return receiveEvidence(answer(result) as unknown as ReadableStream<Uint8Array>, entry, destination);
  }
}

function manifestItem(manifest: EvidenceItem[] | undefined, item: EvidenceItem | string, owner: string): EvidenceItem {
  const id = typeof item === 'string' ? item : item.id;
  // The signed manifest's entry, never the caller's copy: that is what the bytes are checked against.
  const entry = (manifest ?? []).find((candidate) => candidate.id === id);
  if (!entry) throw new TypeError(`evidence ${id} is not in the signed manifest of ${owner}`);
  return entry;
}

class CasesResource {
  constructor(private readonly context: ResourceContext) {}

  /** Signs a CaseShare (your own case, for cross-agency matching) and sends it. */
  async share(input: CaseShareInput): Promise<CaseShareReceipt> {
    const document: CaseShare = { ...input, type: 'ocx.case-share', ocxVersion: OCX_VERSION, id: crypto.randomUUID(), issuedAt: new Date(this.context.now()).toISOString(), partnerId: this.context.partnerId };
    const jws = await this.context.sign(document);
    return answer(await this.context.api.POST('/v1/partner/cases', { body: jws, headers: jose, bodySerializer: sendAsIs }));
  }
}

class MatchesResource {
  constructor(private readonly context: ResourceContext) {}

  /** Your cases linked to other agencies' cases, most recently linked first. */
  list(options: { cursor?: string; pageSize?: number } = {}): Listing<PartnerMatch> {
    return listing(async (cursor) => {
      const page = answer(await this.context.api.GET('/v1/partner/matches', { params: { query: { cursor, limit: options.pageSize } } }));
      return { entries: page.matches, nextCursor: page.nextCursor };
    }, options.cursor);
  }
}

class CorrectionsResource {
  constructor(private readonly context: ResourceContext) {}

  /** Your Corrections and Retractions in the order the hub issued them, each verified, with your answer so far; keep `cursor` to resume. */
  list(options: { cursor?: string; pageSize?: number } = {}): Listing<{ notice: Verified<Correction> | Verified<Retraction>; state: CorrectionState }> {
    return listing(async (cursor) => {
      const page = answer(await this.context.api.GET('/v1/partner/corrections', { params: { query: { cursor, limit: options.pageSize } } }));
      const entries = await Promise.all(page.corrections.map(async ({ jws, ...state }) => ({
        notice: (await this.context.verify(jws, state.type === 'ocx.retraction' ? 'ocx.retraction' : 'ocx.correction')) as Verified<Correction> | Verified<Retraction>,
        state,
      })));
      return { entries, nextCursor: page.nextCursor };
    }, options.cursor);
  }
}

class MatchNoticesResource {
  constructor(private readonly context: ResourceContext) {}

  /** Your MatchNotices in the order the hub issued them, each verified; keep `cursor` to resume. */
  list(options: { cursor?: string; pageSize?: number } = {}): Listing<Verified<MatchNotice>> {
    return listing(async (cursor) => {
      const page = answer(await this.context.api.GET('/v1/partner/match-notices', { params: { query: { cursor, limit: options.pageSize } } }));
      const entries = await Promise.all(page.notices.map((notice) => this.context.verify(notice.jws, 'ocx.match-notice')));
      return { entries, nextCursor: page.nextCursor, pollCursor: page.pollCursor };
    }, options.cursor);
  }
}

export interface LoggedDocument {
  /** The entry's place in the log, the size of the signed tree, and the entry (canonical JSON, parsed). */
  index: number;
  treeSize: number;
  entry: Record<string, unknown>;
  /** The signed checkpoint the proof holds against: keep it, with the proof, to show anyone later. */
  checkpoint: string;
  proof: string[];
  /** Witnesses (of those you trust) whose cosignatures the checkpoint carries. */
  witnesses: string[];
}

class AuditLogResource {
  constructor(private readonly context: ResourceContext) {}

  /**
   * Proves that a document you exchanged with the hub (the referral JWS you received, a status event you sent) is
   * in its audit log: fetches the inclusion proof by the document's SHA-256 and checks it against the signed
   * checkpoint with the log's keys (`logKeys`: verifier keys you hold; by default those the hub publishes).
   * Throws OcxVerificationError when the proof does not hold; OcxProblemError 409 while the entry still waits for
   * its checkpoint (within a minute).
   */
  async proveDocument(jws: string, options: { logKeys?: readonly string[]; witnesses?: readonly string[] } = {}): Promise<LoggedDocument> {
    const documentSha256 = createHash('sha256').update(jws).digest('hex');
    const proof = answer(await this.context.api.GET('/v1/audit/log/proofs/inclusion', { params: { query: { documentSha256 } } }));
    const published = options.logKeys ? undefined : answer(await this.context.api.GET('/v1/audit/log/keys'));
    const logKeys: NoteKey[] = (options.logKeys ?? published!.keys).map(parseVerifierKey);
    const origin = published?.origin ?? logKeys[0]?.name ?? '';
    const verdict = verifyInclusionBundle(proof, { origin, logKeys, witnesses: (options.witnesses ?? []).map(parseVerifierKey) });
    if (!verdict.ok) throw new OcxVerificationError('LOG_PROOF_INVALID', verdict.problem);
    const entry = JSON.parse(proof.entry) as Record<string, unknown>;
    if (entry.documentSha256 !== documentSha256) throw new OcxVerificationError('LOG_PROOF_INVALID', 'the proven entry names another document');
    return { index: proof.index, treeSize: proof.treeSize, entry, checkpoint: proof.checkpoint, proof: proof.proof, witnesses: verdict.witnesses };
  }
}

class TakedownsResource {
  constructor(private readonly context: ResourceContext) {}

  /** Takedown requests addressed to your platform (platforms only). */
  list(options: { cursor?: string; pageSize?: number } = {}): Listing<TakedownView> {
    return listing(async (cursor) => {
      const page = answer(await this.context.api.GET('/v1/partner/takedowns', { params: { query: { cursor, limit: options.pageSize } } }));
      return { entries: page.takedowns, nextCursor: page.nextCursor ?? null };
    }, options.cursor);
  }

  /** The signed TakedownRequest, verified and addressed to you, with its state at the hub. */
  async get(takedownId: string): Promise<VerifiedTakedown> {
    const view = json(answer(await this.context.api.GET('/v1/partner/takedowns/{takedownId}', { params: { path: { takedownId } }, headers: acceptJson })));
    const verified = await this.context.verify(view.jws, 'ocx.takedown-request');
    return { ...verified, state: view.takedown };
  }

  /** Streams one evidence file of a verified takedown request and checks it against the signed manifest. */
  async downloadEvidence(takedown: Verified<TakedownRequest>, item: EvidenceItem | string, destination: EvidenceDestination): Promise<DownloadedEvidence> {
    const entry = manifestItem(takedown.document.evidence, item, `takedown ${takedown.document.takedownId}`);
    const result = await this.context.api.GET('/v1/partner/takedowns/{takedownId}/evidence/{evidenceId}', {
      params: { path: { takedownId: takedown.document.takedownId, evidenceId: entry.id } },
      parseAs: 'stream',
    });
    return receiveEvidence(answer(result) as unknown as ReadableStream<Uint8Array>, entry, destination);
  }

  /** Signs a TakedownResponse (what you did about each target) and sends it. */
  async respond(takedownId: string, answerToRequest: TakedownAnswer): Promise<TakedownView> {
    const document: TakedownResponse = {
      ...answerToRequest,
      type: 'ocx.takedown-response',
      ocxVersion: OCX_VERSION,
      id: crypto.randomUUID(),
      issuedAt: new Date(this.context.now()).toISOString(),
      takedownId,
      platform: this.context.partnerId,
    };
    const jws = await this.context.sign(document);
    return answer(await this.context.api.POST('/v1/partner/takedowns/{takedownId}/responses', { params: { path: { takedownId } }, body: jws, headers: jose, bodySerializer: sendAsIs }));
  }
}
