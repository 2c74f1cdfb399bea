/**
 * Codes defined by OCX v1: one source for DTOs, entities, schemas tests and code.
 * Taxonomy from the 1212 complaint categories (../shared/DOMAIN.md).
 */
export const SUB_CATEGORIES = {
  shopping: [
    'not_received', 'late_delivery', 'incomplete', 'wrong_item', 'damaged', 'illegal_health_product', 'overpriced',
    'shop_registration_check', 'no_tis_mark',
  ],
  illegal_website: [
    'lese_majeste', 'obscene', 'national_security', 'gambling', 'ponzi', 'investment_scam', 'loan_scam', 'call_center_sms_scam',
  ],
  cyber_threat: ['harmful_link', 'intrusion'],
  digital_law: ['eta', 'computer_crime_act', 'digital_development_act', 'pdpa', 'cybersecurity_act', 'dps_decree'],
  platform_service: [
    'unfair_practice', 'online_trade', 'personal_data', 'investment_job_scam', 'labour', 'telecom', 'content', 'professional_ethics',
  ],
} as const;

export type Category = keyof typeof SUB_CATEGORIES;
export const CATEGORIES = Object.keys(SUB_CATEGORIES) as Category[];
export type SubCategory = (typeof SUB_CATEGORIES)[Category][number];

/** `bank` (1.1): a bank or payment service, which shares account data under the Technology Crime Decree. */
export const PARTNER_KINDS = ['government', 'civil_society', 'platform', 'bank'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** How a partner receives referrals: pushed to its endpoint, or pulled from its feed. */
export const DELIVERY_MODES = ['push', 'pull'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Where a complaint came in (1212 intake channels). */
export const CHANNELS = ['hotline', 'email', 'web', 'chatbot_facebook', 'chatbot_line', 'line_admin', 'fax', 'provincial_office'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Kinds of subject identifier. Names and shop names are weak: they never link cases by themselves. */
export const IDENTIFIER_TYPES = [
  'phone', 'promptpay', 'bank_account', 'national_id', 'juristic_id', 'url', 'social_profile', 'line_id', 'email', 'ewallet',
  'shop_name', 'person_name',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Thai bank codes (Bank of Thailand) accepted in `bank_account` identifiers. */
export const BANK_CODES = ['002', '004', '006', '011', '014', '022', '024', '025', '030', '033', '034', '066', '067', '069', '070', '071', '073', '098'] as const;

export const EVIDENCE_KINDS = ['photo', 'chat_log', 'seller_profile', 'payment_slip', 'police_report', 'damage_photo', 'call_recording', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A referral's status (state machine in schemas/README.md). `retracted` (1.1) is the hub's: 1212 withdrew the complaint. */
export const REFERRAL_STATUSES = ['dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested', 'resolved', 'rejected', 'transferred', 'retracted'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The statuses a partner may report in a StatusEvent (dispatched and delivered are the hub's own). */
export const PARTNER_STATUSES = ['acknowledged', 'in_progress', 'info_requested', 'resolved', 'rejected', 'transferred'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** What the hub asks a partner to do with a referral. */
export const REQUESTED_ACTIONS = ['investigate', 'mediate', 'takedown', 'verify_registration', 'freeze_account', 'advise', 'for_information'] as const;
export type RequestedAction = (typeof REQUESTED_ACTIONS)[number];

/** Legal bases the hub records (DOMAIN.md). */
export const LEGAL_BASES = [
  'cca_s20_court_order', 'cca_s14_report', 'dps_decree', 'tech_crime_decree', 'consumer_protection', 'food_drug', 'product_standards',
  'direct_sales', 'platform_terms', 'pdpa',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** PDPA s.24 lawful bases for disclosing a complainant's data to a partner. */
export const DISCLOSURE_BASES = ['public_task', 'legal_obligation', 'consent', 'vital_interest'] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];

export const TAKEDOWN_TARGET_KINDS = ['url', 'listing', 'shop', 'page', 'post', 'account'] as const;
export type TakedownTargetKind = (typeof TAKEDOWN_TARGET_KINDS)[number];

export const TAKEDOWN_ACTIONS = ['remove', 'restrict', 'preserve', 'disclose_identity'] as const;
export type TakedownAction = (typeof TAKEDOWN_ACTIONS)[number];

/** `restricted` is 1.0's word for `restricted_in_th`; the rest came in 1.1. */
export const TAKEDOWN_OUTCOMES = ['removed', 'restricted', 'restricted_in_th', 'account_suspended', 'already_removed', 'not_found', 'refused', 'pending'] as const;
export type TakedownOutcome = (typeof TAKEDOWN_OUTCOMES)[number];

/** Why a platform refused a target (with a text of its own). */
export const TAKEDOWN_REFUSAL_REASONS = ['not_illegal', 'insufficient_information', 'legal_basis_insufficient', 'not_our_service', 'other'] as const;
export type TakedownRefusalReason = (typeof TAKEDOWN_REFUSAL_REASONS)[number];

/** Where a takedown request stands, rolled up from its targets' latest outcomes. */
export const TAKEDOWN_STATUSES = ['open', 'partially_answered', 'completed'] as const;
export type TakedownStatus = (typeof TAKEDOWN_STATUSES)[number];

/** What a partner may ask for when it sets `info_requested`. */
/**
 * How an agency resolved a case (StatusEvent `resolution.outcome`, OCX 1.0, optional). The first three are the
 * success cases 1212 reports: the complainant got the money back, the goods, or the content taken down.
 */
export const RESOLUTION_OUTCOMES = ['money_returned', 'goods_delivered', 'content_removed', 'account_suspended', 'offender_charged', 'advice_given', 'other'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];
export const SUCCESS_OUTCOMES: readonly ResolutionOutcome[] = ['money_returned', 'goods_delivered', 'content_removed'];

/**
 * The kinds identifiers are reduced to for matching (schemas/README.md §2.5; defs `matchKind`): a Referral's
 * identifiers carry theirs beside the value as written (`normalised`, 1.1).
 */
export const MATCH_KINDS = [
  'phone', 'bank_account', 'thai_id', 'ewallet', 'url', 'social_profile', 'line_id', 'email', 'person_name', 'shop_name',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/**
 * Why an agency answers a referral as it does (StatusEvent `reasonCode`, 1.1, optional): structured feedback that
 * 1212 counts per routing rule, so that the rules improve.
 */
export const REFERRAL_REASON_CODES = [
  'duplicate_of_our_case', 'not_our_jurisdiction', 'insufficient_evidence', 'complainant_unreachable', 'already_resolved', 'not_an_offence', 'other',
] as const;
export type ReferralReasonCode = (typeof REFERRAL_REASON_CODES)[number];

/** The complainant's fields a Referral may carry; a dispatch may share fewer (`complainantFields`). */
export const COMPLAINANT_FIELDS = ['name', 'phone', 'email', 'lineId'] as const;
export type ComplainantField = (typeof COMPLAINANT_FIELDS)[number];

/** Why 1212 corrects a complaint it sent (Correction `reason`, 1.1). */
export const CORRECTION_REASONS = ['wrong_person_named', 'wrong_identifier', 'wrong_details', 'other'] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];

/** Why 1212 withdraws a complaint it sent (Retraction `reason`, 1.1). */
export const RETRACTION_REASONS = ['complainant_withdrew', 'duplicate', 'filed_in_error', 'other'] as const;
export type RetractionReason = (typeof RETRACTION_REASONS)[number];

/** What a partner did on a Correction or Retraction (Acknowledgement `outcome`, 1.1): applied it, or kept the data under its own legal obligation. */
export const ACKNOWLEDGEMENT_OUTCOMES = ['applied', 'retained'] as const;
export type AcknowledgementOutcome = (typeof ACKNOWLEDGEMENT_OUTCOMES)[number];

export const INFORMATION_KINDS = ['evidence', 'complainant_contact', 'police_report', 'transaction_detail', 'clarification'] as const;
export type InformationKind = (typeof INFORMATION_KINDS)[number];

/** The documents of OCX v1: schema file name → the pinned `type` member and the JWS `typ` header. */
/**
 * The documents of OCX v1. `maxBytes` caps the compact JWS of a document a partner signs (schemas/README.md §4.1):
 * every one is stored as received, so an uncapped one would let a partner fill the hub's disk at its request rate.
 * The hub's own documents are bounded by the limits on what staff enter.
 */
export const DOCUMENT_KINDS = {
  referral: { type: 'ocx.referral', typ: 'ocx-referral+jws', signedBy: 'hub', maxBytes: Infinity },
  'status-event': { type: 'ocx.status-event', typ: 'ocx-status-event+jws', signedBy: 'partner', maxBytes: 32 * 1024 },
  'takedown-request': { type: 'ocx.takedown-request', typ: 'ocx-takedown-request+jws', signedBy: 'hub', maxBytes: Infinity },
  'takedown-response': { type: 'ocx.takedown-response', typ: 'ocx-takedown-response+jws', signedBy: 'partner', maxBytes: 512 * 1024 },
  'case-share': { type: 'ocx.case-share', typ: 'ocx-case-share+jws', signedBy: 'partner', maxBytes: 64 * 1024 },
  'match-notice': { type: 'ocx.match-notice', typ: 'ocx-match-notice+jws', signedBy: 'hub', maxBytes: Infinity },
  correction: { type: 'ocx.correction', typ: 'ocx-correction+jws', signedBy: 'hub', maxBytes: Infinity },
  retraction: { type: 'ocx.retraction', typ: 'ocx-retraction+jws', signedBy: 'hub', maxBytes: Infinity },
  acknowledgement: { type: 'ocx.acknowledgement', typ: 'ocx-acknowledgement+jws', signedBy: 'partner', maxBytes: 16 * 1024 },
} as const;
export type DocumentName = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_NAMES = Object.keys(DOCUMENT_KINDS) as DocumentName[];

export function isDocumentName(value: string): value is DocumentName {
  return Object.hasOwn(DOCUMENT_KINDS, value);
}
