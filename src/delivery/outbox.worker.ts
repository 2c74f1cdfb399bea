import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { Agent, fetch as undiciFetch } from 'undici';
import { AuditService, HUB_ACTOR } from '../audit/audit.service.js';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { endpointRefusal, guardedLookup } from './endpoint-policy.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { Outbox } from './outbox.service.js';
import { CLAIM_DUE, CLEAR_ENDPOINT_FAILURES, COUNT_ENDPOINT_FAILURE, LOCK_MESSAGE, PAUSE_ENDPOINT } from './delivery.sql.js';
import { retryOnConflict } from '../database/transient-conflict.js';
import { leaseSeconds, nextAttemptDelay, parseRetrySchedule, retryAfterMs } from './retry-schedule.js';

// A claimed message is this worker's for this long; if the process dies, another takes it after.

type Outcome = { delivered: true; statusCode: number } | { delivered: false; statusCode: number | null; error: string; final: boolean; retryAfterMs?: number };

/**
 * Pushes outbox messages to partners' endpoints. Claims are made with
 * `FOR UPDATE SKIP LOCKED` plus a lease, so any number of hub processes can run
 * the worker and no message is pushed by two at once. At-least-once: the
 * `webhook-id` header (the message id) lets a partner drop a repeat.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly schedule: number[];
  private readonly name = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly loop: PollingLoop;
  /** Whether the last round found work: then a freed slot is worth a claim at once. */
  private claimedLastRound = false;
  /** Pushes under way, and how many of them go to each partner. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perPartner = new Map<string, number>();
  /** Connections for pushes; unless private addresses are allowed, their lookups refuse them (no DNS rebinding). */
  private readonly agent: Agent;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {
    this.schedule = parseRetrySchedule(settings.DELIVERY_RETRY_SCHEDULE)!;
    this.agent = new Agent({ connect: settings.DELIVERY_ALLOW_PRIVATE ? {} : { lookup: guardedLookup as never }, keepAliveTimeout: 4000 });
    this.loop = new PollingLoop(() => this.runOnce(), {
      fullRound: settings.DELIVERY_BATCH,
      pollMs: settings.DELIVERY_POLL_MS,
      onError: (error) => this.logger.error(`delivery round failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.DELIVERY_WORKER) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    // Pushes already sent are seen through and recorded (each within DELIVERY_TIMEOUT_MS).
    await Promise.allSettled([...this.inFlight]);
    await this.agent.close();
  }

  /** One round: claim due messages within the free slots and start pushing them (not awaited). Returns how many. */
  async runOnce(): Promise<number> {
    const free = this.settings.DELIVERY_BATCH - this.inFlight.size;
    if (free <= 0) return 0;
    const claimed = await this.claim(free);
    for (const message of claimed) this.start(message);
    this.claimedLastRound = claimed.length > 0;
    return claimed.length;
  }

  /** Pushes a claimed message in the background, holding one of its partner's slots until the outcome is recorded. */
  private start(message: OutboxMessage): void {
    this.perPartner.set(message.partnerId, (this.perPartner.get(message.partnerId) ?? 0) + 1);
    const pushing: Promise<void> = this.deliver(message)
      .catch((error: unknown) => this.logger.error(`recording delivery ${message.id} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.inFlight.delete(pushing);
        const left = (this.perPartner.get(message.partnerId) ?? 1) - 1;
        if (left > 0) this.perPartner.set(message.partnerId, left);
        else this.perPartner.delete(message.partnerId);
        // A partner's slot came free while there was work: claim again now, not after DELIVERY_POLL_MS (a busy partner
        // would otherwise get DELIVERY_PER_ENDPOINT pushes per poll interval, however fast it answers).
        if (this.claimedLastRound) this.loop.wake();
      });
    this.inFlight.add(pushing);
  }

  private async claim(limit: number): Promise<OutboxMessage[]> {
    const [rows] = (await this.dataSource.query(
      CLAIM_DUE,
      [limit, leaseSeconds(this.settings.DELIVERY_TIMEOUT_MS), [...this.perPartner.keys()], [...this.perPartner.values()], this.settings.DELIVERY_PER_ENDPOINT],
    )) as [Array<{ id: string }>, number];
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(OutboxMessage).findBy(rows.map((row) => ({ id: row.id })));
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const started = Date.now();
    const outcome = await this.push(message);
    const durationMs = Date.now() - started;
    // A lost lock race is run again: the partner's answer is recorded, never dropped.
    await retryOnConflict(() => this.dataSource.transaction(async (manager) => {
      await manager.getRepository(DeliveryAttempt).insert({
        messageId: message.id,
        attempt: message.attempts,
        worker: this.name,
        statusCode: outcome.statusCode,
        error: outcome.delivered ? null : outcome.error,
        durationMs,
        attemptedAt: new Date(started),
      });
      // The claim may have lapsed while the partner answered: another worker may have claimed the message again
      // (a later attempt count) or finished it. A delivery is the truth whoever records it; a failure is only this
      // worker's to schedule while the claim is still its own, and a finished message is never reopened.
      const [current] = (await manager.query(LOCK_MESSAGE, [message.id])) as Array<{ status: string; attempts: number }>;
      if (!current || current.status !== 'pending') return;
      // The endpoint's record: failures in a row, and a pause (410 Gone, or too many failures) that staff lift.
      const gone = !outcome.delivered && outcome.final;
      if (outcome.delivered) await manager.query(CLEAR_ENDPOINT_FAILURES, [message.partnerId]);
      else await this.countFailure(manager, message, gone);
      if (outcome.delivered) {
        await manager.update(OutboxMessage, { id: message.id }, { status: 'delivered', deliveredAt: new Date(), leaseUntil: null, lastError: null });
        await this.outbox.deliveredHandler(message.documentType)?.(manager, message);
        return;
      }
      if (current.attempts !== message.attempts) return;
      if (gone) {
        // The endpoint is gone, not this message: it waits, unspent, for the endpoint to be resumed.
        await manager.update(OutboxMessage, { id: message.id }, { nextAttemptAt: new Date(), leaseUntil: null, lastError: outcome.error });
        return;
      }
      const scheduled = nextAttemptDelay(this.schedule, message.attempts);
      const delay = scheduled === undefined ? undefined : Math.max(scheduled, outcome.retryAfterMs ?? 0);
      if (delay === undefined) {
        await manager.update(OutboxMessage, { id: message.id }, { status: 'dead', leaseUntil: null, lastError: outcome.error });
        await this.audit.record(HUB_ACTOR, { action: 'delivery.dead', subjectType: 'delivery', subjectId: message.id, partnerId: message.partnerId, outcome: 'refused', details: { attempts: message.attempts, statusCode: outcome.statusCode } }, manager);
        this.logger.warn(`delivery ${message.id} to ${message.partnerId} is dead after ${message.attempts} attempt(s): ${outcome.error}`);
      } else {
        await manager.update(OutboxMessage, { id: message.id }, { nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, lastError: outcome.error });
      }
    }));
  }

  /** A failed attempt counts against the partner's endpoint, which is paused on 410 Gone or too many failures in a row. */
  private async countFailure(manager: EntityManager, message: OutboxMessage, gone: boolean): Promise<void> {
    const [endpoint] = (await manager.query(COUNT_ENDPOINT_FAILURE, [message.partnerId])) as Array<{ consecutive_failures: number; paused: boolean }>;
    if (!endpoint || endpoint.paused) return;
    const limit = this.settings.DELIVERY_PAUSE_AFTER_FAILURES;
    const reason = gone ? 'the endpoint answered 410 Gone' : endpoint.consecutive_failures >= limit ? `failed ${endpoint.consecutive_failures} times in a row` : undefined;
    if (!reason) return;
    await manager.query(PAUSE_ENDPOINT, [message.partnerId, reason]);
    await this.audit.record(HUB_ACTOR, { action: 'delivery.endpoint_paused', subjectType: 'partner', subjectId: message.partnerId, partnerId: message.partnerId, outcome: 'refused', details: { reason, delivery: message.id } }, manager);
    this.logger.warn(`pushes to ${message.partnerId} paused: ${reason}`);
  }

  private async push(message: OutboxMessage): Promise<Outcome> {
    const refusal = await endpointRefusal(message.endpointUrl, { allowHttp: this.settings.DELIVERY_ALLOW_HTTP, allowPrivateAddresses: this.settings.DELIVERY_ALLOW_PRIVATE });
    if (refusal) return { delivered: false, statusCode: null, error: `not sent: ${refusal}`, final: false };
    try {
      const response = await undiciFetch(message.endpointUrl, {
        dispatcher: this.agent,
        method: 'POST',
        headers: {
          'content-type': 'application/jose',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'ocx-document-type': message.documentType,
          'user-agent': 'ocx-hub/1',
        },
        body: await this.outbox.payloadOf(message),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.DELIVERY_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
      // 410 Gone: the partner has retired this endpoint; retrying is pointless (Standard Webhooks).
      // A partner that says when to come back (429, 503) is believed, within MAX_RETRY_AFTER_MS.
      const asked = retryAfterMs(response.headers.get('retry-after'), Date.now());
      return { delivered: false, statusCode: response.status, error: `HTTP ${response.status}`, final: response.status === 410, ...(asked !== undefined ? { retryAfterMs: asked } : {}) };
    } catch (error) {
      const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${this.settings.DELIVERY_TIMEOUT_MS} ms` : (error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return { delivered: false, statusCode: null, error: reason, final: false };
    }
  }
}
