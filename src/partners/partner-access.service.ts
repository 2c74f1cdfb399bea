import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationListener } from '../database/notification-listener.js';
import { ACCESS_CHANNEL, PARTNER_ACCESS } from './partners.sql.js';

interface AccessState {
  active: boolean;
  /** Usable keys by kid, with their expiry (ms since the epoch) or null. */
  keys: Map<string, number | null>;
  loadedAt: number;
}

/** Even with notifications, a state is read again after this long: a lost notification cannot last. */
const MAX_AGE_MS = 60_000;

/**
 * Whether a partner's token may still be used: the partner is active and the key that
 * obtained the token is neither revoked nor expired. Checked on every request, so that a
 * deactivation or a revocation takes effect at once, not when the token expires.
 *
 * The state is cached per process and dropped when any hub process changes it: the change
 * commits with `pg_notify` (NOTIFY_ACCESS_CHANGED), and every process LISTENs on one
 * connection of its own. While that connection is down, nothing is cached.
 */
@Injectable()
export class PartnerAccess implements OnModuleInit, OnModuleDestroy {
  private readonly states = new Map<string, AccessState>();
  /** Bumped by each notification: a read that began before one is not cached. */
  private readonly generations = new Map<string, number>();
  private readonly listener: NotificationListener;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.listener = new NotificationListener(
      { url: (dataSource.options as { url?: string }).url!, channel: ACCESS_CHANNEL, name: 'partner-access' },
      (partnerId) => {
        this.generations.set(partnerId, (this.generations.get(partnerId) ?? 0) + 1);
        this.states.delete(partnerId);
      },
      () => this.states.clear(),
    );
  }

  onModuleInit(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }

  /** Why a token of this partner (obtained with key `kid`, when known) may not be used now, or undefined. */
  async refusal(partnerId: string, kid: string | undefined, now: number): Promise<string | undefined> {
    const state = await this.stateOf(partnerId, now);
    if (!state || !state.active) return `Partner "${partnerId}" is not an active partner: its tokens no longer work.`;
    if (kid !== undefined) {
      if (!state.keys.has(kid)) return `The key "${kid}" that obtained this token is revoked: get a new token with an active key.`;
      const expiresAt = state.keys.get(kid);
      if (expiresAt !== null && expiresAt !== undefined && expiresAt <= now) return `The key "${kid}" that obtained this token has expired.`;
    }
    return undefined;
  }

  private async stateOf(partnerId: string, now: number): Promise<AccessState | undefined> {
    const cached = this.listener.listening ? this.states.get(partnerId) : undefined;
    if (cached && now - cached.loadedAt < MAX_AGE_MS) return cached;
    const generation = this.generations.get(partnerId) ?? 0;
    const [row] = (await this.dataSource.query(PARTNER_ACCESS, [partnerId])) as Array<{ active: boolean; keys: Array<{ kid: string; active: boolean; expiresAt: string | null }> }>;
    if (!row) return undefined;
    const state: AccessState = {
      active: row.active,
      keys: new Map(row.keys.filter((key) => key.active).map((key) => [key.kid, key.expiresAt ? new Date(key.expiresAt).getTime() : null])),
      loadedAt: now,
    };
    if (this.listener.listening && (this.generations.get(partnerId) ?? 0) === generation) this.states.set(partnerId, state);
    return state;
  }
}
