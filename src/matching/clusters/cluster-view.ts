import type { MatchKind } from '../identifiers/index.js';

/**
 * A cluster as read from the database, and what each agency may learn from it.
 * Pure functions: the notices, the partner view and the staff view share them.
 */
export interface ClusterCase {
  id: string;
  holder: string;
  caseRef: string;
  complaintId: string | null;
  /** For a shared case: the 1212 referral it restates (the agency's own record of it). */
  restatesReferralId?: string | null;
  clusterId: string;
  category: string;
  subCategory: string | null;
  reportedAt: string;
  /** Open referrals of a 1212 complaint: their agencies hold the case too. */
  referrals: Array<{ id: string; partnerId: string }>;
  identifiers: ClusterIdentifier[];
}

export interface ClusterIdentifier {
  hex: string;
  kind: MatchKind;
  strength: 'strong' | 'weak';
  masked: string;
  linking: boolean;
  /** Links this case to another case (a strong, linking identifier another case also has). */
  shared: boolean;
  createdAt: string;
}

/** An agency's hold on a case: the 1212 centre for a complaint, each agency it was referred to, or the sharer. */
export interface Holding {
  agency: string;
  caseId: string;
  yourCase: { referralId?: string; partnerCaseNumber?: string };
}

/** One line of a MatchNotice (the standard's `matches[]`). */
export interface MatchLine {
  partnerId: string;
  identifierType: string;
  maskedValue: string;
  linkedAt: string;
}

const IDENTIFIER_TYPE_OF_KIND: Record<MatchKind, string> = {
  phone: 'phone', bank_account: 'bank_account', thai_id: 'national_id', ewallet: 'ewallet', url: 'url', social_profile: 'social_profile',
  line_id: 'line_id', email: 'email', person_name: 'person_name', shop_name: 'shop_name',
};

export function identifierTypeOf(kind: MatchKind): string {
  return IDENTIFIER_TYPE_OF_KIND[kind];
}

export function holdingsOf(matchCase: ClusterCase): Holding[] {
  if (matchCase.holder !== '1212') return [{ agency: matchCase.holder, caseId: matchCase.id, yourCase: { partnerCaseNumber: matchCase.caseRef } }];
  return [
    { agency: '1212', caseId: matchCase.id, yourCase: {} },
    ...matchCase.referrals.map((referral) => ({ agency: referral.partnerId, caseId: matchCase.id, yourCase: { referralId: referral.id } })),
  ];
}

/**
 * What `holding`'s agency may learn: each other agency that holds a linked case,
 * with the type and masked value of the identifier that links it, and when. An
 * identifier the two cases share directly is named; a case linked through a
 * chain is named with the identifiers that put it in the cluster. Nothing else
 * of another agency's case (no narrative, no names, no case numbers).
 */
export function matchesFor(cases: readonly ClusterCase[], holding: Holding, limit = 200): MatchLine[] {
  const own = cases.find((matchCase) => matchCase.id === holding.caseId);
  if (!own) return [];
  const ownLinks = new Map(own.identifiers.filter((identifier) => identifier.linking && identifier.strength === 'strong').map((identifier) => [identifier.hex, identifier]));
  const lines = new Map<string, MatchLine>();
  for (const other of cases) {
    if (other.id === own.id) continue;
    const agencies = [...new Set(holdingsOf(other).map((entry) => entry.agency))].filter((agency) => agency !== holding.agency);
    if (agencies.length === 0) continue;
    const linking = other.identifiers.filter((identifier) => identifier.shared);
    const shared = linking.filter((identifier) => ownLinks.has(identifier.hex));
    for (const identifier of shared.length > 0 ? shared : linking) {
      const ownIdentifier = ownLinks.get(identifier.hex);
      const linkedAt = ownIdentifier && ownIdentifier.createdAt > identifier.createdAt ? ownIdentifier.createdAt : identifier.createdAt;
      for (const agency of agencies) {
        const key = `${agency}:${identifier.hex}`;
        const line = lines.get(key);
        if (!line || line.linkedAt > linkedAt) lines.set(key, { partnerId: agency, identifierType: identifierTypeOf(identifier.kind), maskedValue: identifier.masked, linkedAt });
      }
    }
  }
  return [...lines.values()].sort((a, b) => a.linkedAt.localeCompare(b.linkedAt) || a.partnerId.localeCompare(b.partnerId)).slice(0, limit);
}
