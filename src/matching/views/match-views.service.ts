import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { PartnerPrincipal } from '../../access/roles.js';
import { BlindIndex } from '../identifiers/blind-index.js';
import { readCases, readClusters, sampleClusters } from '../clusters/cluster-reader.js';
import { holdingsOf, identifierTypeOf, matchesFor, type ClusterCase, type ClusterIdentifier, type MatchLine } from '../clusters/cluster-view.js';
import { MatchingError } from '../matching.errors.js';
import { WarningList } from '../warning-list/warning-list.service.js';
import { toOfficialView, type OfficialView } from '../warning-list/dto/warning-entry.view.js';
import { normaliseIdentifier, type ReportedIdentifier } from '../identifiers/index.js';
import { encodeCursor, pageOf, sequenceAfter } from '../../common/paging.js';
import { isUuid } from '../../common/ids.js';
import { CASES_QUOTING, CLUSTERS_SHARED_WITH_PARTNER, NOTICES_AFTER, NOTICE_FOR_RECIPIENT, OWN_CASE_OF_COMPLAINT, SUGGESTION_CANDIDATES } from '../matching.sql.js';

export interface CaseSummary {
  caseId: string;
  /** Agencies holding the case: `1212` and those it was referred to, or the partner that shared it. */
  agencies: string[];
  /** The complaint's reference code or the sharing partner's case number. */
  caseRef: string;
  complaintId: string | null;
  /** For a shared case: the 1212 referral it restates. */
  restatesReferralId: string | null;
  category: string;
  subCategory: string | null;
  reportedAt: string;
}

export interface IdentifierSummary {
  /** Opaque reference of the identifier (its keyed hash), for splitting it off. */
  ref: string;
  identifierType: string;
  strength: 'strong' | 'weak';
  maskedValue: string;
  linking: boolean;
}

export interface LinkedCase extends CaseSummary {
  /** The identifiers it shares with this case, or, if it is linked through others, those that put it in the cluster. */
  via: IdentifierSummary[];
}

export interface Suggestion extends CaseSummary {
  /** 0-1: shared weak identifiers, rarer ones counting more, plus agreement on category. Never a merge. */
  score: number;
  via: IdentifierSummary[];
}

export interface ComplaintMatches {
  caseId: string;
  clusterId: string;
  identifiers: IdentifierSummary[];
  linked: LinkedCase[];
  suggestions: Suggestion[];
}

export interface ClusterDetail {
  id: string;
  agencies: string[];
  cases: Array<CaseSummary & { identifiers: IdentifierSummary[] }>;
}

export interface IdentifierLookup {
  identifierType: string;
  maskedValue: string;
  strength: 'strong' | 'weak';
  /** Cases quoting it (newest first, at most 50); for a strong identifier, its cluster. */
  clusterId: string | null;
  cases: CaseSummary[];
  /** On the warning list: an official number or site, whose, and that it links nothing. */
  official?: OfficialView;
}

export interface PartnerMatch {
  clusterId: string;
  yourCase: { referralId?: string; partnerCaseNumber?: string };
  matches: MatchLine[];
}

const WEAK_WEIGHT = { person_name: 0.5, shop_name: 0.4 } as const;

/** What staff, auditors and partners may read of clusters. Every value is masked; partners see no other agency's case. */
@Injectable()
export class MatchViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly blindIndex: BlindIndex,
    private readonly warningList: WarningList,
  ) {}

  /**
   * Who else reported this identifier: staff ask while taking a call, before the
   * complaint exists. The value is normalised and hashed as at intake; it is not
   * stored or logged.
   */
  async lookup(subject: ReportedIdentifier): Promise<IdentifierLookup> {
    const normalised = normaliseIdentifier(subject);
    if (!normalised.ok) {
      throw new MatchingError('IDENTIFIER_UNUSABLE', normalised.message, { reason: normalised.reason }, [{ path: 'value', message: normalised.message }]);
    }
    const { identifier } = normalised;
    // An official number (a bank's call centre, a government site) names no suspect: staff are told whose it is.
    const listed = this.warningList.entryFor(identifier);
    if (listed) {
      return { identifierType: identifierTypeOf(identifier.kind), maskedValue: identifier.masked, strength: identifier.strength, clusterId: null, cases: [], official: toOfficialView(listed) };
    }
    const rows = (await this.dataSource.query(
      CASES_QUOTING,
      [this.blindIndex.of(identifier)],
    )) as Array<{ id: string; holder: string; case_ref: string; complaint_id: string | null; referral_id: string | null; category: string; sub_category: string | null; reported_at: Date; cluster_id: string; referred: string[] }>;
    return {
      identifierType: identifierTypeOf(identifier.kind),
      maskedValue: identifier.masked,
      strength: identifier.strength,
      clusterId: identifier.strength === 'strong' ? (rows[0]?.cluster_id ?? null) : null,
      cases: rows.map((row) => ({
        caseId: row.id, agencies: row.holder === '1212' ? ['1212', ...row.referred] : [row.holder], caseRef: row.case_ref, complaintId: row.complaint_id, restatesReferralId: row.referral_id,
        category: row.category, subCategory: row.sub_category, reportedAt: row.reported_at.toISOString(),
      })),
    };
  }

  async forComplaint(complaintId: string): Promise<ComplaintMatches> {
    const [own] = (await this.dataSource.query(OWN_CASE_OF_COMPLAINT, [complaintId])) as Array<{ id: string; cluster_id: string }>;
    if (!own) throw new MatchingError('MATCH_CASE_NOT_FOUND', `Complaint ${complaintId} is not in the matching index (there is no such complaint).`);
    const cases = (await readClusters(this.dataSource.manager, [own.cluster_id])).get(own.cluster_id) ?? [];
    const self = cases.find((matchCase) => matchCase.id === own.id)!;
    const selfLinks = new Set(self.identifiers.filter((identifier) => identifier.shared).map((identifier) => identifier.hex));
    const linked = cases.filter((matchCase) => matchCase.id !== self.id).map((other) => {
      const linking = other.identifiers.filter((identifier) => identifier.shared);
      const direct = linking.filter((identifier) => selfLinks.has(identifier.hex));
      return { ...summaryOf(other), via: (direct.length > 0 ? direct : linking).map(identifierSummary) };
    });
    return { caseId: self.id, clusterId: own.cluster_id, identifiers: self.identifiers.map(identifierSummary), linked, suggestions: await this.suggestions(self) };
  }

  /** Cases outside the cluster that share a weak identifier (a name), scored; common names count for little. */
  private async suggestions(self: ClusterCase): Promise<Suggestion[]> {
    const weak = self.identifiers.filter((identifier) => identifier.strength === 'weak');
    if (weak.length === 0) return [];
    const rows = (await this.dataSource.query(
      SUGGESTION_CANDIDATES,
      [self.id, self.clusterId],
    )) as Array<{ case_id: string; hex: string; cases: number }>;
    if (rows.length === 0) return [];
    // Only the candidate cases are read, not their clusters: a common name may sit in a cluster of thousands.
    const clusters = await readCases(this.dataSource.manager, [...new Set(rows.map((row) => row.case_id))]);
    const byId = new Map([...clusters.values()].flat().map((matchCase) => [matchCase.id, matchCase]));
    const scores = new Map<string, { score: number; via: ClusterIdentifier[] }>();
    for (const row of rows) {
      const identifier = weak.find((candidate) => candidate.hex === row.hex)!;
      // A name shared by n cases is worth 1/log2(n+1) of its weight: "สมชาย ใจดี" suggests little.
      const weight = WEAK_WEIGHT[identifier.kind as keyof typeof WEAK_WEIGHT] / Math.log2(row.cases + 1);
      const entry = scores.get(row.case_id) ?? { score: 0, via: [] };
      entry.score += weight;
      entry.via.push(identifier);
      scores.set(row.case_id, entry);
    }
    return [...scores.entries()].flatMap(([caseId, entry]) => {
      const other = byId.get(caseId);
      if (!other) return [];
      const category = other.category === self.category ? (other.subCategory !== null && other.subCategory === self.subCategory ? 0.2 : 0.1) : 0;
      return [{ ...summaryOf(other), score: Math.round(Math.min(0.95, entry.score + category) * 100) / 100, via: entry.via.map(identifierSummary) }];
    }).sort((a, b) => b.score - a.score).slice(0, 20);
  }

  async cluster(clusterId: string): Promise<ClusterDetail> {
    const cases = (await readClusters(this.dataSource.manager, [clusterId])).get(clusterId);
    if (!cases) throw new MatchingError('CLUSTER_NOT_FOUND', `There is no cluster ${clusterId}.`);
    return {
      id: clusterId,
      agencies: [...new Set(cases.flatMap((matchCase) => holdingsOf(matchCase).map((holding) => holding.agency)))].sort(),
      cases: cases.map((matchCase) => ({ ...summaryOf(matchCase), identifiers: matchCase.identifiers.map(identifierSummary) })),
    };
  }

  /**
   * A partner's view: each of its cases (shared or referred to it) linked to other
   * agencies' cases, with the agencies and the masked identifiers. Reading it is audited.
   */
  async forPartner(partner: PartnerPrincipal, cursor: string | undefined, limit: number): Promise<{ matches: PartnerMatch[]; nextCursor: string | null }> {
    // The view is computed, most recently linked first: its cursor is a position in it.
    const offset = cursor ? Number(sequenceAfter('m', cursor)) : 0;
    const clusterRows = (await this.dataSource.query(
      CLUSTERS_SHARED_WITH_PARTNER,
      [partner.partnerId],
    )) as Array<{ cluster_id: string }>;
    const samples = await sampleClusters(this.dataSource.manager, clusterRows.map((row) => row.cluster_id));
    const result: PartnerMatch[] = [];
    for (const [clusterId, sample] of samples) {
      const newest = sample.holdings.find((holding) => holding.agency === partner.partnerId && holding.rank === 1);
      if (!newest) continue;
      const yourCase = newest.referralId ? { referralId: newest.referralId } : { partnerCaseNumber: newest.caseRef };
      const matches = matchesFor(sample.cases, { agency: partner.partnerId, caseId: newest.caseId, yourCase });
      if (matches.length > 0) result.push({ clusterId, yourCase, matches });
    }
    result.sort((a, b) => (b.matches.at(-1)?.linkedAt ?? '').localeCompare(a.matches.at(-1)?.linkedAt ?? ''));
    const page = pageOf(result.slice(offset, offset + limit + 1), limit, () => encodeCursor('m', offset + limit));
    await this.audit.record(partner, { action: 'matches.read', subjectType: 'partner', subjectId: partner.partnerId, details: { clusters: page.rows.length } });
    return { matches: page.rows, nextCursor: page.nextCursor };
  }

  /** A MatchNotice addressed to this partner, as the hub signed it. */
  async notice(partner: PartnerPrincipal, noticeId: string): Promise<string> {
    const [row] = isUuid(noticeId)
      ? ((await this.dataSource.query(NOTICE_FOR_RECIPIENT, [noticeId, partner.partnerId])) as Array<{ jws: string }>)
      : [];
    // Another partner's notice is "not found": its existence is not revealed.
    if (!row) throw new MatchingError('MATCH_NOTICE_NOT_FOUND', `There is no MatchNotice ${noticeId} for you.`);
    await this.audit.record(partner, { action: 'match_notice.read', subjectType: 'match_notice', subjectId: noticeId });
    return row.jws;
  }

  /** The notices addressed to this partner, oldest first, after the cursor's feed position. */
  async notices(
    partnerId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<{ notices: Array<{ id: string; jws: string; position: number }>; nextCursor: string | null; pollCursor: string | null }> {
    const after = cursor ? sequenceAfter('n', cursor) : '0';
    const rows = (await this.dataSource.query(
      NOTICES_AFTER,
      [partnerId, after, limit + 1],
    )) as Array<{ id: string; jws: string; position: string }>;
    const page = pageOf(rows, limit, (last) => encodeCursor('n', last.position));
    // A feed is polled: the last page must still say where it ended, or a poller starts over from the first notice.
    const last = page.rows.at(-1);
    const pollCursor = last ? encodeCursor('n', last.position) : (cursor ?? null);
    return { notices: page.rows.map((row) => ({ id: row.id, jws: row.jws, position: Number(row.position) })), nextCursor: page.nextCursor, pollCursor };
  }
}

function summaryOf(matchCase: ClusterCase): CaseSummary {
  return {
    caseId: matchCase.id,
    agencies: [...new Set(holdingsOf(matchCase).map((holding) => holding.agency))],
    caseRef: matchCase.caseRef,
    complaintId: matchCase.complaintId,
    restatesReferralId: matchCase.restatesReferralId ?? null,
    category: matchCase.category,
    subCategory: matchCase.subCategory,
    reportedAt: matchCase.reportedAt,
  };
}

function identifierSummary(identifier: ClusterIdentifier): IdentifierSummary {
  return { ref: identifier.hex, identifierType: identifierTypeOf(identifier.kind), strength: identifier.strength, maskedValue: identifier.masked, linking: identifier.linking };
}
