import type { Problem } from './documents.js';

/** Every error the SDK throws is an OcxError: catch this one to catch them all. */
export class OcxError extends Error {
  override name = 'OcxError';
}

/**
 * The hub answered with an RFC 9457 problem document. `code` is the stable error code
 * (`TRANSITION_NOT_ALLOWED`, `SIGNATURE_INVALID`, …; the list is served under /problems),
 * `errors` the field paths for validation failures; `problem` holds every member, including
 * the ones a route adds (`allowedNext`, `currentStatus`, …).
 */
export class OcxProblemError extends OcxError {
  override name = 'OcxProblemError';
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly errors: NonNullable<Problem['errors']>;
  readonly correlationId: string | undefined;

  constructor(
    readonly problem: Problem,
    status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${problem.code ?? 'UNKNOWN'}: ${problem.detail ?? problem.title ?? 'the hub refused the request'}`);
    this.status = problem.status ?? status;
    this.code = problem.code ?? `HTTP_${status}`;
    this.type = problem.type ?? 'about:blank';
    this.errors = problem.errors ?? [];
    this.correlationId = problem.correlationId;
  }
}

/** The hub could not be reached (after the retries), or answered with something that is not HTTP the SDK understands. */
export class OcxNetworkError extends OcxError {
  override name = 'OcxNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type VerificationFailure =
  /** Not a compact JWS, or its payload is not a JSON object. */
  | 'MALFORMED'
  /** Not signed with ES256 (an `alg` of none or HS256 included). */
  | 'ALGORITHM_REFUSED'
  /** No key with this `kid` in the hub's JWKS, even after fetching it again. */
  | 'UNKNOWN_KEY'
  /** The signature does not match the bytes. */
  | 'SIGNATURE_INVALID'
  /** A valid signature over a document of another kind (`typ` or `type` not the expected one). */
  | 'WRONG_DOCUMENT_TYPE'
  /** The document names another recipient than you. */
  | 'WRONG_RECIPIENT'
  /** An audit-log proof that does not hold: not signed by the log's key, or not placing the entry in the signed tree. */
  | 'LOG_PROOF_INVALID';

/** A hub document failed verification: it is never returned as typed data. */
export class OcxVerificationError extends OcxError {
  override name = 'OcxVerificationError';
  constructor(
    readonly code: VerificationFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type DeliveryFailure =
  | VerificationFailure
  /** A `webhook-id`, `webhook-timestamp` or `ocx-document-type` header is missing or malformed. */
  | 'MISSING_HEADER'
  /** `webhook-timestamp` is further in the past than the tolerance. */
  | 'STALE_TIMESTAMP'
  /** `webhook-timestamp` is further in the future than the tolerance. */
  | 'FUTURE_TIMESTAMP'
  /** This `webhook-id` was verified before (only with a replay store). */
  | 'REPLAYED'
  /** The `ocx-document-type` header and the signed document disagree. */
  | 'DOCUMENT_TYPE_MISMATCH';

/** A push to your endpoint failed `verifyDelivery`: answer 400 (or 2xx for REPLAYED, which you already have). */
export class OcxDeliveryError extends OcxError {
  override name = 'OcxDeliveryError';
  constructor(
    readonly code: DeliveryFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A downloaded evidence file does not match the size or SHA-256 of the signed manifest; nothing was kept. */
export class OcxEvidenceMismatchError extends OcxError {
  override name = 'OcxEvidenceMismatchError';
  constructor(
    readonly evidenceId: string,
    readonly expected: { sha256: string; size: number },
    readonly received: { sha256: string; size: number },
  ) {
    super(`evidence ${evidenceId} does not match its signed manifest: expected ${expected.size} bytes with SHA-256 ${expected.sha256}, received ${received.size} bytes with ${received.sha256}`);
  }
}
