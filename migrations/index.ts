import { AuditAppend1795420800000 } from './1795420800000-audit-append.js';
import { AuditLog1795413600000 } from './1795413600000-audit-log.js';
import { CaseShareReceipts1795410000000 } from './1795410000000-case-share-receipts.js';
import { ComplaintSearch1795431600000 } from './1795431600000-complaint-search.js';
import { Complaints1795392000000 } from './1795392000000-complaints.js';
import { Evidence1795395600000 } from './1795395600000-evidence.js';
import { Matching1795417200000 } from './1795417200000-matching.js';
import { MatchingIdentifierWrites1795424400000 } from './1795424400000-matching-identifier-writes.js';
import { PartnerAccess1795402800000 } from './1795402800000-partner-access.js';
import { PartnerRegistry1795384800000 } from './1795384800000-partner-registry.js';
import { PushEndpointState1795438800000 } from './1795438800000-push-endpoint-state.js';
import { ReferralAgencyView1795435200000 } from './1795435200000-referral-agency-view.js';
import { ReferralReadsAndInlineDocuments1795428000000 } from './1795428000000-referral-reads-and-inline-documents.js';
import { ReferralTransfers1795406400000 } from './1795406400000-referral-transfers.js';
import { Takedowns1795449600000 } from './1795449600000-takedowns.js';
import { TransparencyLog1795453200000 } from './1795453200000-transparency-log.js';
import { Reports1795456800000 } from './1795456800000-reports.js';
import { PartnerCaseNumbers1795460400000 } from './1795460400000-partner-case-numbers.js';
import { ReferralReasonCodes1795464000000 } from './1795464000000-referral-reason-codes.js';
import { ComplainantFields1795467600000 } from './1795467600000-complainant-fields.js';
import { CaseShareReferralLinks1795471200000 } from './1795471200000-case-share-referral-links.js';
import { ReferralPartnerCaseIndex1795474800000 } from './1795474800000-referral-partner-case-index.js';
import { DataClasses1795478400000 } from './1795478400000-data-classes.js';
import { DocumentSequences1795482000000 } from './1795482000000-document-sequences.js';
import { Corrections1795485600000 } from './1795485600000-corrections.js';
import { WarningList1795489200000 } from './1795489200000-warning-list.js';
import { GramScheme1795492800000 } from './1795492800000-gram-scheme.js';
import { MatchingLockAndProbe1795496400000 } from './1795496400000-matching-lock-and-probe.js';
import { WarningListCallCentres1795500000000 } from './1795500000000-warning-list-call-centres.js';
import { SealedPersonalData1795442400000 } from './1795442400000-sealed-personal-data.js';
import { RoutingReferralsDelivery1795399200000 } from './1795399200000-routing-referrals-delivery.js';
import { SigningAndReceivedDocuments1795388400000 } from './1795388400000-signing-and-received-documents.js';

/** Every migration, in order. Listed explicitly: ESM builds and Jest need no file globbing. */
export const MIGRATIONS = [
  PartnerRegistry1795384800000, SigningAndReceivedDocuments1795388400000, Complaints1795392000000, Evidence1795395600000,
  RoutingReferralsDelivery1795399200000,
  PartnerAccess1795402800000,
  ReferralTransfers1795406400000,
  CaseShareReceipts1795410000000,
  AuditLog1795413600000,
  Matching1795417200000,
  AuditAppend1795420800000,
  MatchingIdentifierWrites1795424400000,
  ReferralReadsAndInlineDocuments1795428000000,
  ComplaintSearch1795431600000,
  ReferralAgencyView1795435200000,
  PushEndpointState1795438800000,
  SealedPersonalData1795442400000,
  Takedowns1795449600000,
  TransparencyLog1795453200000,
  Reports1795456800000,
  PartnerCaseNumbers1795460400000,
  ReferralReasonCodes1795464000000,
  ComplainantFields1795467600000,
  CaseShareReferralLinks1795471200000,
  ReferralPartnerCaseIndex1795474800000,
  DataClasses1795478400000,
  DocumentSequences1795482000000,
  Corrections1795485600000,
  WarningList1795489200000,
  GramScheme1795492800000,
  MatchingLockAndProbe1795496400000,
  WarningListCallCentres1795500000000,
];
