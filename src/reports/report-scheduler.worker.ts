import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { ReportArchive } from './report-archive.service.js';
import { PERIOD_KINDS } from './report-period.js';

/**
 * Generates the reports 1212 owes as soon as their period ends (so the day's is ready long before 10:00), once across
 * every hub process: each looks every REPORTS_POLL_MS, and the one that claims a period's run makes it.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportScheduler.name);
  private readonly loop: PollingLoop;
  private readonly enabled: boolean;

  constructor(
    private readonly archive: ReportArchive,
    settings: Settings,
  ) {
    this.enabled = settings.REPORTS_SCHEDULER;
    // Never a full round (no count reaches Infinity): the next look is always after the poll interval.
    this.loop = new PollingLoop(async () => (await this.archive.generateDue(PERIOD_KINDS)).length, {
      fullRound: Number.POSITIVE_INFINITY,
      pollMs: settings.REPORTS_POLL_MS,
      onError: (error) => this.logger.error(`report generation failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
