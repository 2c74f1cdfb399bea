import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService, HUB_ACTOR } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { Outbox } from '../delivery/outbox.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { openCorrectionJws } from './correction-sealing.js';
import { CLAIM_OVERDUE } from './corrections.sql.js';

const PER_ROUND = 100;

/**
 * Chases the Corrections and Retractions an agency has not acknowledged by their deadline: each is pushed again
 * (the same signed document: a receiver sees a repeat by its id and sequence) to an agency with an endpoint, every
 * CORRECTION_CHASE_HOURS until acknowledged, and stays on 1212's work list as overdue (`GET /v1/corrections?overdue=true`).
 * A pull agency finds it in its feed; the work list is how 1212 follows up by phone. Each chase is claimed once
 * across processes and audited. Time is the hub's clock, so tests move it.
 */
@Injectable()
export class CorrectionChaser implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CorrectionChaser.name);
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly partners: PartnersService,
    private readonly audit: AuditService,
    private readonly ring: DataKeyRing,
    private readonly clock: Clock,
    private readonly settings: Settings,
  ) {
    this.loop = new PollingLoop(() => this.runOnce(), {
      fullRound: PER_ROUND,
      pollMs: settings.CORRECTIONS_POLL_MS,
      onError: (error) => this.logger.error(`chasing corrections failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.CORRECTIONS_CHASER) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: chases up to 100 overdue documents; returns how many. */
  runOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [claimed] = (await manager.query(CLAIM_OVERDUE, [this.clock.now(), PER_ROUND, this.settings.CORRECTION_CHASE_HOURS * 3600])) as [
        Array<{ document_id: string; kind: string; referral_id: string; partner_id: string; jws: string; chase_count: number }>, number,
      ];
      if (claimed.length === 0) return 0;
      const endpoints = await this.partners.pushEndpoints(manager, [...new Set(claimed.map((row) => row.partner_id))]);
      const pushes = await Promise.all(claimed.filter((row) => endpoints.has(row.partner_id)).map(async (row) => ({
        id: randomUUID(), referralId: row.referral_id, partnerId: row.partner_id, documentType: `ocx.${row.kind}`, endpointUrl: endpoints.get(row.partner_id)!,
        payload: await openCorrectionJws(this.ring, { documentId: row.document_id, jws: row.jws }),
      })));
      await this.outbox.enqueue(manager, pushes);
      await this.audit.record(HUB_ACTOR, claimed.map((row) => ({
        action: `${row.kind}.chased`, subjectType: 'referral', subjectId: row.referral_id, partnerId: row.partner_id,
        details: { documentId: row.document_id, chase: row.chase_count, pushed: endpoints.has(row.partner_id) },
      })), manager);
      return claimed.length;
    });
  }
}
