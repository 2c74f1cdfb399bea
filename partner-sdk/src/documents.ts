import type { components, paths } from './generated/openapi.js';

type Schemas = components['schemas'];

/** The documents of the OCX standard (from its JSON Schemas, through the hub's OpenAPI document). */
export type Referral = Schemas['OcxReferral'];
export type StatusEvent = Schemas['OcxStatusEvent'];
export type CaseShare = Schemas['OcxCaseShare'];
export type MatchNotice = Schemas['OcxMatchNotice'];
export type TakedownRequest = Schemas['OcxTakedownRequest'];
export type TakedownResponse = Schemas['OcxTakedownResponse'];
export type EvidenceItem = Schemas['OcxEvidenceItem'];
export type Correction = Schemas['OcxCorrection'];
export type Retraction = Schemas['OcxRetraction'];
export type Acknowledgement = Schemas['OcxAcknowledgement'];

/** What a hub document's `type` member says, and the TypeScript type it stands for. */
export interface HubDocumentTypes {
  'ocx.referral': Referral;
  'ocx.takedown-request': TakedownRequest;
  'ocx.match-notice': MatchNotice;
  'ocx.correction': Correction;
  'ocx.retraction': Retraction;
}
export type HubDocumentType = keyof HubDocumentTypes;
export type HubDocument = HubDocumentTypes[HubDocumentType];

/** The JWS `typ` of each document the hub signs (OCX v1 §4). */
export const HUB_DOCUMENT_JWS_TYPES: { readonly [Type in HubDocumentType]: string } = {
  'ocx.referral': 'ocx-referral+jws',
  'ocx.takedown-request': 'ocx-takedown-request+jws',
  'ocx.match-notice': 'ocx-match-notice+jws',
  'ocx.correction': 'ocx-correction+jws',
  'ocx.retraction': 'ocx-retraction+jws',
};

/** The documents a partner signs, and their JWS `typ`. */
export const PARTNER_DOCUMENT_JWS_TYPES = {
  'ocx.status-event': 'ocx-status-event+jws',
  'ocx.case-share': 'ocx-case-share+jws',
  'ocx.takedown-response': 'ocx-takedown-response+jws',
  'ocx.acknowledgement': 'ocx-acknowledgement+jws',
} as const;

/** The minor version of OCX v1 this SDK writes; the hub accepts any 1.x. */
export const OCX_VERSION = '1.1';

/** The members the SDK fills in when it signs a document for you: a fresh id, the time, who you are. */
type Filled = 'type' | 'ocxVersion' | 'id' | 'issuedAt';
export type StatusUpdate = Omit<StatusEvent, Filled | 'referralId' | 'partnerId'>;
export type CaseShareInput = Omit<CaseShare, Filled | 'partnerId'>;
export type TakedownAnswer = Omit<TakedownResponse, Filled | 'takedownId' | 'platform'>;
export type AcknowledgementInput = Omit<Acknowledgement, Filled | 'referralId' | 'partnerId' | 'acknowledges'>;
/** A Correction or Retraction of one of your referrals as the hub tells it, with your answer so far. */
export type CorrectionState = Schemas['AgencyCorrectionView'];

/** The hub's views of things (not signed: the hub's answer over TLS). */
/** A referral's state as the hub tells its agency (no 1212-internal ids or staff names). */
export type ReferralView = Schemas['AgencyReferralView'];
export type ReferralStatus = ReferralView['status'];
export type FeedEntry = Schemas['FeedEntryView'];
export type CaseShareReceipt = Schemas['CaseShareReceiptView'];
export type PartnerMatch = Schemas['PartnerMatchView'];
export type MatchNoticeEntry = Schemas['MatchNoticeEntryView'];
export type TakedownView = Schemas['TakedownView'];
export type Problem = Schemas['ProblemView'];

export type { components, paths };
