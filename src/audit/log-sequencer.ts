import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appendLeaves, checkpointText, leafHash, signNote, HASH_SIZE } from '@ocx/transparency-log';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { PollingLoop } from '../common/polling-loop.js';
import { Settings } from '../config/settings.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { AuditError } from './audit.errors.js';
import { entryBytesOf, type EntryRow } from './log-rows.js';
import {
  APPEND_TO_TILES, ASSIGN_LEAF_INDEXES, INSERT_CHECKPOINT, LATEST_CHECKPOINT, READ_TREE_FOR_UPDATE, TRY_SEQUENCER_LOCK, TAKE_UNSEQUENCED, WRITE_TREE,
} from './audit.sql.js';

/** Entries indexed in one round (one transaction). */
const ROUND = 5000;
/** How long an admin's "sign now" keeps sequencing a backlog before it signs what it has. */
const SIGN_NOW_BUDGET_MS = 10_000;

export interface SequencedRound {
  /** Entries given an index in this round. */
  sequenced: number;
  size: number;
  /** The size of the checkpoint signed in this round, if one was. */
  checkpoint?: number;
}

/**
 * The sequencer of the audit log, off the request path: writers insert entries without a lock, and this gives the
 * committed ones their leaf index in the order it finds them, appends their leaf hashes to the tiles and the tree's
 * right edge, and signs a checkpoint every AUDIT_CHECKPOINT_EVERY_ENTRIES entries or AUDIT_CHECKPOINT_EVERY_SECONDS.
 * Every hub process may run it: a transaction-scoped advisory lock lets one round run at a time, and a round is one
 * transaction, so an entry is indexed exactly once whatever process or crash comes between.
 */
@Injectable()
export class LogSequencer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LogSequencer.name);
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: Settings,
    private readonly keys: HubKeyStore,
    private readonly clock: Clock,
  ) {
    this.loop = new PollingLoop(async () => (await this.runOnce()).sequenced, {
      fullRound: ROUND,
      pollMs: settings.AUDIT_SEQUENCE_POLL_MS,
      onError: (error) => this.logger.error(`audit log sequencing failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.AUDIT_SEQUENCER) this.loop.start();
  }

  /** Stops the loop before the database closes (PollingLoop says why this hook). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * One round: index what is committed and sign a checkpoint if one is due (`forceCheckpoint`: whenever the log grew
   * since the last one). Answers `sequenced: 0` at once when another process holds the round.
   */
  async runOnce(options: { forceCheckpoint?: boolean } = {}): Promise<SequencedRound> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(TRY_SEQUENCER_LOCK)) as [{ locked: boolean }];
      if (!locked) return { sequenced: 0, size: -1 };
      const [tree] = (await manager.query(READ_TREE_FOR_UPDATE)) as [{ size: string; root_hash: Buffer; edge: Buffer; updated_at: Date }];
      let size = Number(tree.size);
      let root = tree.root_hash;
      const rows = (await manager.query(TAKE_UNSEQUENCED, [ROUND])) as EntryRow[];
      if (rows.length > 0) {
        const edge: Buffer[] = [];
        for (let offset = 0; offset < tree.edge.length; offset += HASH_SIZE) edge.push(tree.edge.subarray(offset, offset + HASH_SIZE));
        const appended = appendLeaves({ size, edge }, rows.map((row) => leafHash(entryBytesOf(row))));
        await manager.query(ASSIGN_LEAF_INDEXES, [rows.map((row) => row.seq), rows.map((_, offset) => size + offset)]);
        await manager.query(APPEND_TO_TILES, [
          appended.tileAppends.map((tile) => tile.level),
          appended.tileAppends.map((tile) => tile.index),
          appended.tileAppends.map((tile) => Buffer.concat(tile.hashes)),
        ]);
        size = appended.size;
        root = appended.root;
        await manager.query(WRITE_TREE, [size, root, Buffer.concat(appended.edge), this.clock.now()]);
      }
      const checkpoint = await this.checkpointIfDue(manager, size, root, options.forceCheckpoint ?? false);
      return { sequenced: rows.length, size, ...(checkpoint !== undefined ? { checkpoint } : {}) };
    });
  }

  /**
   * Sequences what is committed and signs a checkpoint of the result if the log grew: rounds run until the backlog
   * is done (or SIGN_NOW_BUDGET_MS has passed: the rest follows in the background), and another process's round is
   * waited for.
   */
  async sequenceAndSign(): Promise<SequencedRound> {
    const started = Date.now();
    let sequenced = 0;
    for (;;) {
      const round = await this.runOnce();
      if (round.size < 0) {
        if (Date.now() - started > SIGN_NOW_BUDGET_MS) throw new AuditError('LOG_SEQUENCER_BUSY', 'Another hub process held the sequencer throughout; try again in a moment.', { retryAfterSeconds: 1 });
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      sequenced += round.sequenced;
      if (round.sequenced < ROUND || Date.now() - started > SIGN_NOW_BUDGET_MS) {
        const last = await this.runOnce({ forceCheckpoint: true });
        if (last.size >= 0) return { ...last, sequenced: sequenced + last.sequenced };
      }
    }
  }

  private async checkpointIfDue(manager: EntityManager, size: number, root: Buffer, force: boolean): Promise<number | undefined> {
    const [last] = (await manager.query(LATEST_CHECKPOINT)) as Array<{ tree_size: string; signed_at: Date }>;
    const now = this.clock.now();
    if (last) {
      const grown = size - Number(last.tree_size);
      if (grown <= 0) return undefined;
      const due = force || grown >= this.settings.AUDIT_CHECKPOINT_EVERY_ENTRIES || now.getTime() - last.signed_at.getTime() >= this.settings.AUDIT_CHECKPOINT_EVERY_SECONDS * 1000;
      if (!due) return undefined;
    }
    const { kid, privateKey } = this.keys.signingKey();
    const origin = this.settings.AUDIT_LOG_ORIGIN;
    const note = signNote(checkpointText({ origin, size, rootHash: root, extensions: [] }), { name: origin, key: privateKey });
    await manager.query(INSERT_CHECKPOINT, [size, root, note, kid, now]);
    return size;
  }
}
