import { AUDIT_PROBLEMS } from '../audit/audit.errors.js';
import { AUTH_PROBLEMS } from '../auth/auth.errors.js';
import { COMMON_PROBLEMS } from '../common/common.errors.js';
import { COMPLAINT_PROBLEMS } from '../complaints/complaints.errors.js';
import type { ProblemCatalog } from './problems.controller.js';
import { DELIVERY_PROBLEMS } from '../delivery/delivery.errors.js';
import { EVIDENCE_PROBLEMS } from '../evidence/evidence.errors.js';
import { MATCHING_PROBLEMS } from '../matching/matching.errors.js';
import { HEALTH_PROBLEMS } from '../health/health.errors.js';
import { REFERRAL_PROBLEMS } from '../referrals/referrals.errors.js';
import { ROUTING_PROBLEMS } from '../routing/routing.errors.js';
import { PARTNER_PROBLEMS } from '../partners/partners.errors.js';
import { SIGNING_PROBLEMS } from '../signing/signing.errors.js';
import { STANDARD_PROBLEMS } from '../standard/standard.errors.js';
import { INBOUND_PROBLEMS } from '../inbound/inbound.errors.js';
import { IDEMPOTENCY_PROBLEMS } from '../idempotency/idempotency.errors.js';
import { LEGAL_BASIS_PROBLEMS } from '../legal-bases/legal-bases.errors.js';
import { TAKEDOWN_PROBLEMS } from '../takedowns/takedowns.errors.js';
import { REPORT_PROBLEMS } from '../reports/reports.errors.js';

/** Every module's error table, merged: what `/problems` publishes. A module's codes appear here once it has any. */
export const PROBLEM_CATALOG_ENTRIES: ProblemCatalog = {
  ...COMMON_PROBLEMS,
  ...AUTH_PROBLEMS,
  ...HEALTH_PROBLEMS,
  ...PARTNER_PROBLEMS,
  ...SIGNING_PROBLEMS,
  ...STANDARD_PROBLEMS,
  ...INBOUND_PROBLEMS,
  ...COMPLAINT_PROBLEMS,
  ...EVIDENCE_PROBLEMS,
  ...ROUTING_PROBLEMS,
  ...REFERRAL_PROBLEMS,
  ...DELIVERY_PROBLEMS,
  ...MATCHING_PROBLEMS,
  ...IDEMPOTENCY_PROBLEMS,
  ...LEGAL_BASIS_PROBLEMS,
  ...TAKEDOWN_PROBLEMS,
  ...AUDIT_PROBLEMS,
  ...REPORT_PROBLEMS,
};
