import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PollingLoop } from '../../common/polling-loop.js';
import { Settings } from '../../config/settings.js';
import { MatchNoticesService } from './match-notices.service.js';
import { TAKE_DUE_CLUSTERS } from '../matching.sql.js';

const CLUSTERS_PER_ROUND = 100;

/**
 * Sends the MatchNotices of clusters whose set of agencies changed. Ingest only
 * marks a cluster due (in its own transaction); the notifier takes due clusters
 * with `FOR UPDATE SKIP LOCKED`, so several hub processes share the work and no
 * cluster is told twice, and builds one notice per agency from the cluster as it
 * is then: changes within one interval make one notice, not one per case.
 */
@Injectable()
export class MatchNotifier implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MatchNotifier.name);
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: MatchNoticesService,
    private readonly settings: Settings,
  ) {
    this.loop = new PollingLoop(() => this.runOnce(), {
      fullRound: CLUSTERS_PER_ROUND,
      pollMs: settings.MATCHING_NOTIFIER_POLL_MS,
      onError: (error) => this.logger.error(`match notice round failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.MATCHING_NOTIFIER) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: takes up to 100 due clusters and sends their notices. Returns how many clusters it took. */
  runOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        TAKE_DUE_CLUSTERS,
        [CLUSTERS_PER_ROUND],
      )) as [Array<{ cluster_id: string }>, number];
      const clusterIds = due[0].map((row) => row.cluster_id);
      if (clusterIds.length > 0) await this.notices.issue(manager, clusterIds, new Date());
      return clusterIds.length;
    });
  }
}
