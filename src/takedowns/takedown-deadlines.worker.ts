import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { TakedownsService } from './takedowns.service.js';

const BATCH = 100;

/**
 * Marks takedown requests overdue when their deadline passes (by the injected clock):
 * every hub process runs it; row locks with SKIP LOCKED make each request marked once.
 */
@Injectable()
export class TakedownDeadlines implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TakedownDeadlines.name);
  private readonly loop: PollingLoop;

  constructor(
    private readonly takedowns: TakedownsService,
    settings: Settings,
  ) {
    this.loop = new PollingLoop(() => this.takedowns.markOverdue(BATCH), {
      fullRound: BATCH,
      pollMs: settings.TAKEDOWN_DEADLINE_POLL_MS,
      onError: (error) => this.logger.error(`takedown deadline round failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
