import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, HUB_ACTOR } from '../../audit/audit.service.js';
import { Outbox } from '../../delivery/outbox.service.js';
import { PartnersService } from '../../partners/partners.service.js';
import { SigningService } from '../../signing/signing.service.js';
import { STORE_MATCH_NOTICES } from '../matching.sql.js';
import { SchemaRegistry } from '../../standard/schema-registry.js';
import { sampleClusters, type ClusterSample } from '../clusters/cluster-reader.js';
import { matchesFor, type Holding, type MatchLine } from '../clusters/cluster-view.js';

interface IssuedNotice {
  id: string;
  recipient: string;
  clusterId: string;
  caseId: string;
  referralId: string | null;
  sequence: number | null;
  jws: string;
  matches: number;
}

/**
 * MatchNotices: when a cluster's set of agencies changes, each partner agency of
 * it learns which other agencies hold linked cases, through a signed document,
 * stored for pulling and pushed through the outbox to agencies with an endpoint.
 * Called by the notifier, in the transaction that takes the cluster off the due list.
 */
@Injectable()
export class MatchNoticesService {
  constructor(
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly audit: AuditService,
    private readonly partners: PartnersService,
    private readonly outbox: Outbox,
  ) {}

  /** Tells every partner agency of each cluster (its set of agencies has just changed) what the others hold. */
  async issue(manager: EntityManager, clusterIds: readonly string[], now: Date): Promise<number> {
    const samples = await sampleClusters(manager, clusterIds);
    const due: Array<{ clusterId: string; recipient: Holding; matches: MatchLine[] }> = [];
    for (const [clusterId, sample] of samples) {
      for (const recipient of recipientsOf(sample)) {
        const matches = matchesFor(sample.cases, recipient);
        if (matches.length > 0) due.push({ clusterId, recipient, matches });
      }
    }
    if (due.length === 0) return 0;
    // A notice about a referral takes the next number of its stream (§4.7); one about a shared case has none.
    const aboutReferrals = due.flatMap((notice) => (notice.recipient.yourCase.referralId ? [notice.recipient.yourCase.referralId] : []));
    if (new Set(aboutReferrals).size !== aboutReferrals.length) throw new Error('two MatchNotices about one referral in one round');
    const sequences = await this.outbox.nextSequences(manager, aboutReferrals);
    const notices = due.map((notice) => this.build(notice.clusterId, notice.recipient, notice.matches, now, sequences.get(notice.recipient.yourCase.referralId ?? '')));
    await this.store(manager, notices);
    return notices.length;
  }

  private build(clusterId: string, holding: Holding, matches: MatchLine[], now: Date, sequence: number | undefined): IssuedNotice {
    const document = {
      type: 'ocx.match-notice',
      ocxVersion: '1.1',
      id: randomUUID(),
      issuedAt: now.toISOString(),
      recipient: holding.agency,
      ...(sequence ? { sequence } : {}),
      clusterId,
      yourCase: holding.yourCase,
      matches,
    };
    const check = this.schemas.validate('match-notice', document);
    // The hub builds this document itself: a failure is a bug, not bad input.
    if (!check.valid) throw new Error(`a MatchNotice failed its schema: ${check.errors.map((error) => `${error.path} ${error.message}`).join('; ')}`);
    return {
      id: document.id, recipient: holding.agency, clusterId, caseId: holding.caseId, referralId: holding.yourCase.referralId ?? null, sequence: sequence ?? null,
      jws: this.signing.sign('match-notice', document, now), matches: matches.length,
    };
  }

  private async store(manager: EntityManager, notices: IssuedNotice[]): Promise<void> {
    // The notice and its push commit together: the outbox queues it in this transaction.
    await manager.query(
      STORE_MATCH_NOTICES,
      [
        notices.map((notice) => notice.id), notices.map((notice) => notice.recipient), notices.map((notice) => notice.clusterId),
        notices.map((notice) => notice.caseId), notices.map((notice) => notice.referralId), notices.map((notice) => notice.jws),
        notices.map((notice) => notice.sequence),
      ],
    );
    const endpoints = await this.partners.pushEndpoints(manager, [...new Set(notices.map((notice) => notice.recipient))]);
    await this.outbox.enqueue(manager, notices.flatMap((notice) => {
      const endpointUrl = endpoints.get(notice.recipient);
      return endpointUrl ? [{ id: randomUUID(), referralId: null, partnerId: notice.recipient, documentType: 'ocx.match-notice', endpointUrl, payload: notice.jws }] : [];
    }));
    await this.audit.record(HUB_ACTOR, notices.map((notice) => ({
      action: 'match_notice.issued', subjectType: 'match_notice', subjectId: notice.id, partnerId: notice.recipient,
      details: { clusterId: notice.clusterId, matches: notice.matches },
    })), manager);
  }
}

/**
 * Each partner agency of a cluster whose set of agencies changed, once, about
 * its newest case there (a notice is due only then: a new 1212 complaint joining
 * a cluster 1212 already holds tells no agency anything new). An agency that
 * wants the full picture reads `GET /v1/partner/matches`.
 */
function recipientsOf(sample: ClusterSample): Holding[] {
  const newest = sample.holdings.filter((holding) => holding.rank === 1);
  if (newest.length < 2) return [];
  return newest
    .filter((holding) => holding.agency !== '1212')
    .map((holding) => ({
      agency: holding.agency,
      caseId: holding.caseId,
      yourCase: holding.referralId ? { referralId: holding.referralId } : { partnerCaseNumber: holding.caseRef },
    }));
}
