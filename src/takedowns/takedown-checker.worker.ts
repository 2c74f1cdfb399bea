import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { lookup as lookupCallback } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { endpointRefusal, guardedLookup, isPrivateAddress, resolveAll } from '../delivery/endpoint-policy.js';
import { TakedownsService } from './takedowns.service.js';

const BATCH = 10;

/**
 * Re-check, not trust: with TAKEDOWN_RECHECK on, content a platform reported removed is
 * fetched again after the answer and on TAKEDOWN_RECHECK_SCHEDULE, through the same
 * outbound guard as pushes (https only unless DELIVERY_ALLOW_HTTP, no private or loopback
 * address unless DELIVERY_ALLOW_PRIVATE, checked again when connecting; no redirects
 * followed; a timeout). What answers is recorded for staff.
 */
@Injectable()
export class TakedownChecker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TakedownChecker.name);
  private readonly loop: PollingLoop;
  private readonly agent: Agent;
  private readonly fixed: Map<string, string>;

  constructor(
    private readonly takedowns: TakedownsService,
    private readonly settings: Settings,
  ) {
    this.fixed = new Map((settings.TAKEDOWN_RECHECK_RESOLVE ?? '').split(',').filter((pair) => pair.includes('=')).map((pair) => {
      const [host, address] = pair.trim().split('=') as [string, string];
      return [host.toLowerCase(), address];
    }));
    const lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: (error: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void): void => {
      const address = this.fixed.get(hostname.toLowerCase());
      if (address === undefined) {
        if (settings.DELIVERY_ALLOW_PRIVATE) return lookupCallback(hostname, { all: options.all === true, family: options.family ?? 0 } as never, callback as never);
        return guardedLookup(hostname, options, callback);
      }
      if (!settings.DELIVERY_ALLOW_PRIVATE && isPrivateAddress(address)) return callback(Object.assign(new Error(`${hostname} is set to ${address}, a private or loopback address`), { code: 'EPRIVATEADDRESS' }), []);
      const family = address.includes(':') ? 6 : 4;
      if (options.all) return callback(null, [{ address, family }]);
      callback(null, address, family);
    };
    this.agent = new Agent({ connect: { lookup: lookup as never }, keepAliveTimeout: 1000 });
    this.loop = new PollingLoop(() => this.takedowns.recheckDue((url) => this.probe(url), BATCH), {
      fullRound: BATCH,
      pollMs: settings.TAKEDOWN_RECHECK_POLL_MS,
      onError: (error) => this.logger.error(`takedown re-check round failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.TAKEDOWN_RECHECK) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.agent.close();
  }

  /** The status the URL answers a GET with (redirects not followed), or why it could not be asked. */
  private async probe(url: string): Promise<{ status: number | null; error: string | null }> {
    const refusal = await endpointRefusal(url, { allowHttp: this.settings.DELIVERY_ALLOW_HTTP, allowPrivateAddresses: this.settings.DELIVERY_ALLOW_PRIVATE }, async (host) => {
      const address = this.fixed.get(host.toLowerCase());
      return address !== undefined ? [address] : resolveAll(host);
    });
    if (refusal) return { status: null, error: `not fetched: ${refusal}` };
    try {
      const response = await undiciFetch(url, { dispatcher: this.agent, method: 'GET', redirect: 'manual', headers: { 'user-agent': 'ocx-hub-recheck/1' }, signal: AbortSignal.timeout(this.settings.TAKEDOWN_RECHECK_TIMEOUT_MS) });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
    }
  }
}
