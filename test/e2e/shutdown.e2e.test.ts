import { describe, expect, it } from '@jest/globals';
import { LogSequencer } from '../../src/audit/log-sequencer.js';
import { WarningList } from '../../src/matching/warning-list/warning-list.service.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';

/**
 * A hub that stops lets its background rounds finish before its database closes. The workers stopped on application
 * shutdown, the hook on which TypeORM closes the data source, and Nest runs that hook module by module: a round in
 * flight could find its connections gone ("audit log sequencing failed: Connection terminated" at the end of a bench).
 */
describe('stopping the hub', () => {
  it('lets the round in flight of a background worker end before the database closes', async () => {
    const hub = await TestHub.start({ databaseUrl: await TestDatabase.createIsolated('shutdown'), env: { AUDIT_SEQUENCE_POLL_MS: '10' } });
    const sequencer = hub.app.get(LogSequencer);
    const runOnce = sequencer.runOnce.bind(sequencer);

    // The sequencer's next round is held at its start until the hub has begun to stop.
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const outcomes: string[] = [];
    let held = false;
    sequencer.runOnce = async (options) => {
      if (held) return runOnce(options);
      held = true;
      started();
      await gate;
      return runOnce(options).then(
        (round) => {
          outcomes.push('ended');
          return round;
        },
        (error: Error) => {
          outcomes.push(`failed: ${error.message}`);
          throw error;
        },
      );
    };
    // Released once stopping is under way (the first modules are being destroyed).
    const warningList = hub.app.get(WarningList);
    const destroyWarningList = warningList.onModuleDestroy.bind(warningList);
    warningList.onModuleDestroy = async () => {
      release();
      await destroyWarningList();
    };

    await inFlight;
    await hub.stop();
    expect(outcomes).toEqual(['ended']);
  });
});
