export { OcxClient, type LoggedDocument, type OcxClientOptions, type Listing, type Page, type VerifiedReferral, type VerifiedTakedown } from './client.js';
export { MemoryReplayStore, type DeliveryHeaders, type DeliveryVerificationOptions, type ReplayStore, type VerifiedDelivery } from './deliveries.js';
export * from './documents.js';
export { OcxDeliveryError, OcxError, OcxEvidenceMismatchError, OcxNetworkError, OcxProblemError, OcxVerificationError, type DeliveryFailure, type VerificationFailure } from './errors.js';
export type { DownloadedEvidence, EvidenceDestination } from './evidence.js';
export { HubKeys, type Verified } from './hub-keys.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './request.js';
// The audit log's offline verifier and proof check: prove that a document you exchanged is in the hub's log.
export {
  httpLogSource, parseVerifierKey, verifierKey, verifyInclusionBundle, verifyLog,
  type InclusionBundle, type LogSource, type LogVerdict, type NoteKey, type VerifyLogOptions,
} from '@ocx/transparency-log';
