import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPageByTime } from '../common/keyset-page.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { transactOn } from '../sealing/transact.js';
import { openPayload, resealPayloads, sealPayload } from './payload-sealing.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { DeliveryError } from './delivery.errors.js';
import { OutboxMessage, type OutboxStatus } from './outbox-message.entity.js';
import { ENQUEUE, NEXT_DOCUMENT_SEQUENCES, PAUSED_ENDPOINTS, REDELIVER, RELEASE_WAITING, RESUME_ENDPOINT, type NewOutboxMessage } from './delivery.sql.js';
import { isUuid } from '../common/ids.js';

export type { NewOutboxMessage } from './delivery.sql.js';

/** Called inside the transaction that marks a message delivered (e.g. to move a referral to `delivered`). */
export type DeliveredHandler = (manager: EntityManager, message: OutboxMessage) => Promise<void>;

/**
 * The transactional outbox: a message is written in the same transaction as the
 * change it reports (`enqueue`, or `enqueuePushes` inside the caller's own statement,
 * as dispatch does) and pushed later by the worker.
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap {
  private readonly deliveredHandlers = new Map<string, DeliveredHandler>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ring: DataKeyRing,
  ) {}

  /** Payloads queued in clear by an older version of the hub are sealed before the hub serves. */
  async onApplicationBootstrap(): Promise<void> {
    await resealPayloads(this.ring, transactOn(this.dataSource), 'unsealed');
  }

  /** Queues pushes inside the caller's transaction: they exist exactly when what they report does. */
  async enqueue(manager: EntityManager, messages: readonly NewOutboxMessage[]): Promise<void> {
    if (messages.length > 0) await manager.query(ENQUEUE, [JSON.stringify(messages.map((message) => this.sealed(message)))]);
  }

  /** A push as the outbox keeps it, its payload sealed: for a statement that composes enqueuePushes. */
  sealed(message: NewOutboxMessage): NewOutboxMessage {
    return { ...message, payload: sealPayload(this.ring, message.id, message.payload) };
  }

  /** The payload to send, opened. */
  payloadOf(message: { id: string; payload: string }): Promise<string> {
    return openPayload(this.ring, message);
  }

  /**
   * The next number of each referral's stream of documents (§4.7), for documents about to be signed in the caller's
   * transaction: the numbers are theirs once it commits, and a rollback gives them back.
   */
  async nextSequences(manager: EntityManager, referralIds: readonly string[]): Promise<Map<string, number>> {
    const distinct = [...new Set(referralIds)].sort();
    if (distinct.length === 0) return new Map();
    const rows = (await manager.query(NEXT_DOCUMENT_SEQUENCES, [distinct])) as Array<{ referral_id: string; last_sequence: number }>;
    return new Map(rows.map((row) => [row.referral_id, row.last_sequence]));
  }

  onDelivered(documentType: string, handler: DeliveredHandler): void {
    this.deliveredHandlers.set(documentType, handler);
  }

  deliveredHandler(documentType: string): DeliveredHandler | undefined {
    return this.deliveredHandlers.get(documentType);
  }

  /** Newest first, a page at a time (keyset on creation time and id). */
  async list(filter: { status?: OutboxStatus; partnerId?: string }, cursor: string | undefined, limit: number): Promise<{ messages: OutboxMessage[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(OutboxMessage).createQueryBuilder('message');
    if (filter.status) builder.andWhere('message.status = :status', { status: filter.status });
    if (filter.partnerId) builder.andWhere('message.partner_id = :partnerId', { partnerId: filter.partnerId });
    const page = await keysetPageByTime(builder, { alias: 'message', timeColumn: 'created_at', direction: 'DESC', kind: 'd', cursor, limit });
    return { messages: page.rows, nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<OutboxMessage> {
    const message = isUuid(id) ? await this.dataSource.getRepository(OutboxMessage).findOneBy({ id }) : null;
    if (!message) throw new DeliveryError('DELIVERY_NOT_FOUND', `There is no delivery ${id}.`);
    return message;
  }

  attempts(messageId: string): Promise<DeliveryAttempt[]> {
    return this.dataSource.getRepository(DeliveryAttempt).find({ where: { messageId }, order: { attempt: 'ASC' } });
  }

  /** Endpoints whose pushes are paused (a 410 Gone, or DELIVERY_PAUSE_AFTER_FAILURES failures in a row). */
  async pausedEndpoints(): Promise<Array<{ partnerId: string; consecutiveFailures: number; pausedAt: Date; reason: string }>> {
    const rows = (await this.dataSource.query(PAUSED_ENDPOINTS)) as Array<{ partner_id: string; consecutive_failures: number; paused_at: Date; paused_reason: string | null }>;
    return rows.map((row) => ({ partnerId: row.partner_id, consecutiveFailures: row.consecutive_failures, pausedAt: row.paused_at, reason: row.paused_reason ?? 'paused' }));
  }

  /** Resumes a paused endpoint: the pushes that waited go out at once. Audited. */
  async resumeEndpoint(partnerId: string, staff: AuditActor): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const resumed = (await manager.query(RESUME_ENDPOINT, [partnerId])) as [unknown[], number];
      if (resumed[0].length === 0) throw new DeliveryError('ENDPOINT_NOT_PAUSED', `Pushes to ${partnerId} are not paused.`);
      const [, released] = (await manager.query(RELEASE_WAITING, [partnerId])) as [unknown[], number];
      await this.audit.record(staff, { action: 'delivery.endpoint_resumed', subjectType: 'partner', subjectId: partnerId, partnerId, details: { released } }, manager);
      return released;
    });
  }

  /** Puts a dead message back in line, with a fresh retry schedule. */
  async redeliver(id: string): Promise<OutboxMessage> {
    const message = await this.get(id);
    // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affected].
    const [rows] = (await this.dataSource.query(
      REDELIVER,
      [id],
    )) as [unknown[], number];
    if (rows.length === 0) {
      throw new DeliveryError('DELIVERY_NOT_DEAD', `Delivery ${id} is ${message.status}; only a dead delivery can be redelivered.`);
    }
    return this.get(id);
  }
}
