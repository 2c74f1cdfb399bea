import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const AUDIT_PROBLEMS = {
  LOG_ENTRY_NOT_FOUND: { status: 404, title: 'No such entry in the audit log' },
  LOG_ENTRY_NOT_CHECKPOINTED: { status: 409, title: 'The entry is not under a signed checkpoint yet' },
  LOG_CHECKPOINT_NOT_FOUND: { status: 404, title: 'No checkpoint of that size' },
  LOG_TILE_NOT_FOUND: { status: 404, title: 'No such tile' },
  LOG_PROOF_INVALID: { status: 422, title: 'No proof between those sizes' },
  LOG_SEQUENCER_BUSY: { status: 503, title: 'The log\'s sequencer is busy' },
  WITNESS_UNKNOWN: { status: 403, title: 'No witness this hub knows cosigned the checkpoint' },
  WITNESS_KEY_INVALID: { status: 422, title: 'The verifier key is not one a witness can sign with' },
  COSIGNED_CHECKPOINT_INVALID: { status: 422, title: 'The cosigned checkpoint cannot be read' },
  CHECKPOINT_INCONSISTENT: { status: 409, title: 'The witness holds a tree this hub did not sign' },
} as const satisfies ProblemTable<string>;

export class AuditError extends errorFamily(AUDIT_PROBLEMS) {}
