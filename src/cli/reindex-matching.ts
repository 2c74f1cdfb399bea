import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { startBackingServices } from '../backing-services.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { loadSettings } from '../config/settings.js';
import { createHub } from '../hub.js';
import { linkChanges } from '../matching/clusters/link-changes.js';
import { MatchingService } from '../matching/clusters/matching.service.js';

const BATCH = 500;

/**
 * `npm run matching:reindex`: after a change of the matching rules (a new normaliser, a new bank name, a new shortener)
 * or of the warning list, every 1212 complaint is indexed again from its subjects with today's rules, a batch of 500
 * per transaction under the matching lock (hubs may keep running: intake waits for a batch at most), and the warning
 * list is applied again to every stored hash (partners' cases, whose raw values the hub does not keep: they take new
 * normalisation rules when the partner shares them again). Splits outlive it. Prints how many links (pairs of cases in
 * one cluster) appeared and disappeared. New links send MatchNotices through the hubs' notifiers, as intake does.
 * A blind-index key rotation (`npm run matching:rekey`) is independent of it: run either first.
 */
async function main(): Promise<void> {
  const settings = loadSettings({
    ...process.env,
    // A tool, not a hub: no worker of its own, no pages.
    DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false', REPORTS_SCHEDULER: 'false', CORRECTIONS_CHASER: 'false', AUDIT_SEQUENCER: 'false',
    OPENAPI_UI: 'false', CONSOLE_UI: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const services = await startBackingServices(settings, () => undefined).catch((error: unknown) => {
    throw new Error(`cannot reach the database (${error instanceof Error ? error.message : String(error)}): with the embedded database, stop the hub first; otherwise set DATABASE_URL`);
  });
  const app = await createHub(settings, { databaseUrl: services.databaseUrl, ...(services.migrationUrl ? { migrationUrl: services.migrationUrl } : {}), s3: services.s3 });
  try {
    await app.init();
    const dataSource = app.get(DataSource);
    const matching = app.get(MatchingService);
    const complaints = app.get(ComplaintsService);
    const before = await matching.membership(dataSource.manager);
    let afterSeq = '0';
    let complaintsIndexed = 0;
    let carriedSplits = 0;
    for (;;) {
      const page = await complaints.matchableCasesAfter(afterSeq, BATCH);
      if (page.cases.length === 0) break;
      const result = await dataSource.transaction((manager) => matching.reindexCases(manager, page.cases, new Date()));
      complaintsIndexed += page.cases.length;
      carriedSplits += result.carriedSplits;
      afterSeq = page.lastSeq!;
    }
    const listed = await dataSource.transaction((manager) => matching.reapplyWarningList(manager));
    const changes = linkChanges(before, await matching.membership(dataSource.manager));
    await app.get(AuditService).record({ subject: 'matching:reindex', role: 'operator' }, {
      action: 'matching.reindexed', subjectType: 'matching', subjectId: null,
      details: { complaints: complaintsIndexed, unlinked: listed.unlinked, relinked: listed.relinked, carriedSplits, appeared: changes.appeared, disappeared: changes.disappeared },
    });
    process.stdout.write(
      `re-indexed ${complaintsIndexed} complaints with today's rules; the warning list unlinked ${listed.unlinked} and relinked ${listed.relinked} stored identifiers; ` +
        `${carriedSplits} splits carried over.\nlinks (pairs of cases in one cluster): ${changes.appeared} appeared, ${changes.disappeared} disappeared (${changes.before} before, ${changes.after} now).\n`,
    );
  } finally {
    await app.close();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`matching:reindex failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
