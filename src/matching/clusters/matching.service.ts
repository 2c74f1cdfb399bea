import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { v7 } from 'uuid';
import { DataSource, type EntityManager } from 'typeorm';
import { pooledRandomBytes } from '../../common/random-pool.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../access/roles.js';
import { BlindIndex } from '../identifiers/blind-index.js';
import { WarningList } from '../warning-list/warning-list.service.js';
import { componentsOf, DisjointSets } from './disjoint-sets.js';
import { HoldingsMemory } from './holdings-memory.js';
import { MATCHING_LOCK } from '../matching-lock.js';
import { MatchingError } from '../matching.errors.js';
import { normaliseIdentifier, type CanonicalIdentifier, type InvalidReason, type ReportedIdentifier } from '../identifiers/index.js';
import { CASE_IN_CLUSTER, CASE_MEMBERSHIP, CASES_WITH_SPLITS, CLUSTERS_LINKED_BY, CLUSTERS_OF_CASES, MARK_LISTED_HASHES, UNMARK_UNLISTED_HASHES, FIND_CLUSTERS_HOLDING, LOCK_AND_FIND_CLUSTERS_HOLDING, CLUSTER_LINKS, CLUSTER_SIZES, DELETE_IDENTIFIERS_OF_CASES, KNOWN_CASES, LINKING_HASH_COUNT, LINKING_HASHES_AFTER, LINKING_IDENTIFIERS_OF_CASE, LOCK_MATCHING, MARK_NOTICE_DUE, MERGE_CLUSTERS, MOVE_CASES, REBUILD_CLUSTER_AGENCIES, RECORD_SPLITS, STOP_LINKING, WRITE_CASES, lockAndFindClustersHolding, type CaseRow, type ClusterHolding, type IdentifierRow } from '../matching.sql.js';

/**
 * Case and cluster ids are time-ordered (UUIDv7): a million cases go in at the right edge of their indexes. Their
 * random bits come from the pooled generator (uuid's own asks the operating system for each id: 2% of intake's CPU);
 * ids made in one millisecond are then in random order among themselves, which the indexes do not mind.
 */
function timeOrderedUuid(): string {
  return v7({ random: pooledRandomBytes(16) });
}

/**
 * Cases prepared (normalised, hashed) between two turns of the event loop. A batch of a thousand takes 40 ms of the
 * process's one thread; in one piece it held up, for that long, the statements of the batch that held the matching
 * lock (bench:matching, 200,000 cases, builds alternating: 4,373 and 4,606 cases/s in one piece, 4,905 and 5,448 in
 * pieces of a hundred).
 */
const PREPARE_BETWEEN_TURNS = 100;

/**
 * Linking hashes whose holders a process remembers (HoldingsMemory): the identifiers quoted again and again (a
 * scammer's number reported thousands of times) stay, at about 300 bytes each.
 */
const REMEMBERED_HASHES = 50_000;
/** The filter of linking hashes is loaded this many at a time, between turns of the event loop. */
const FILTER_PAGE = 20_000;
/** Room in the filter for the index to double before a larger one is loaded. */
const FILTER_HEADROOM = 2;
const FILTER_MIN_CAPACITY = 1 << 20;

/** A case as matching sees it: who holds it, and what identifies its subject. */
export interface MatchableCase {
  /** `1212` for the hub's complaints, or the partner that shared the case. */
  holder: string;
  /** The complaint's reference code, or the partner's case number: one case per holder and ref. */
  caseRef: string;
  complaintId?: string;
  category: string;
  subCategory?: string | null;
  reportedAt: Date;
  subjects: readonly ReportedIdentifier[];
}

export interface UnusableIdentifier {
  /** Position in `subjects`. */
  index: number;
  type: string;
  reason: InvalidReason;
  message: string;
}

export interface IngestedCase {
  caseId: string;
  clusterId: string;
  /** Identifiers indexed (strong and weak). */
  indexed: number;
  /** Identifiers that identify nobody, and why: shown to staff, never stored. */
  unusable: UnusableIdentifier[];
}

interface PreparedIdentifier extends CanonicalIdentifier {
  index: Buffer;
  hex: string;
  /** On the warning list (an official number, account or site): kept for staff, never linking. */
  warningEntryId?: string;
}

/**
 * A batch's rows for matching's `writtenCases`: its cases and identifiers (JSON texts of CaseRow and IdentifierRow
 * lists) and the clusters due a MatchNotice; and, for `holdersUnchanged`, the hashes probed (bytea[] parameter) and
 * what the probe found (JSON text of ClusterHolding rows).
 */
export interface CaseWrite {
  cases: string;
  identifiers: string;
  due: string[];
  probed: string[];
  /** Null when the probe was made under the lock, which the writing transaction still holds: nothing to check. */
  found: string | null;
  /** The clusters that hold the batch's linking hashes once it is written, for MatchingService.remember. */
  held: ClusterHolding[];
}

export type { ClusterHolding };

/** New cases prepared before their transaction (MatchingService.prepareNew). */
export interface NewCases {
  prepared: readonly PreparedNewCase[];
  /** The hashes that may link them (hex). */
  linking: readonly string[];
}

/** A case normalised and hashed, not yet placed. */
type PreparedNewCase = Omit<PreparedCase, 'caseId' | 'existing'>;

/** Where a batch's cases go, worked out under the matching lock, and what to write. */
interface Placement {
  batch: PreparedCase[];
  clusterOfCase: Map<string, string>;
  /** Clusters whose set of agencies changes: due a MatchNotice. */
  changed: string[];
  write: CaseWrite;
}

interface PreparedCase {
  source: MatchableCase;
  caseId: string;
  existing: boolean;
  previousClusterId?: string;
  identifiers: PreparedIdentifier[];
  unusable: UnusableIdentifier[];
}

/**
 * Cross-agency de-duplication: each case's identifiers are normalised and stored
 * as keyed hashes; cases that share a strong identifier carry one cluster id,
 * kept up to date as cases arrive (merging clusters when a case bridges them).
 * Weak identifiers (names) never link; they only feed suggestions.
 */
@Injectable()
export class MatchingService implements OnApplicationShutdown {
  private readonly logger = new Logger(MatchingService.name);
  private readonly holdings = new HoldingsMemory(REMEMBERED_HASHES);
  private filterLoad: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditService,
    private readonly warningList: WarningList,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.filterLoad;
  }

  /**
   * Fills a new filter (HoldingsMemory) from the index, a page at a time, while the hub serves: started by the first
   * batch of new complaints (a command that records none never reads the index for it), and again when the filter
   * fills up. Until it has loaded, new complaints are probed as before; a load that fails leaves it so, and the next
   * batch starts another.
   */
  private loadFilter(): void {
    if (this.filterLoad || this.stopping) return;
    this.filterLoad = (async () => {
      try {
        const [{ hashes }] = (await this.dataSource.query(LINKING_HASH_COUNT)) as [{ hashes: number }];
        const filter = this.holdings.startFilter(Math.max(FILTER_MIN_CAPACITY, hashes * FILTER_HEADROOM));
        for (let after = ''; !this.stopping;) {
          const page = (await this.dataSource.query(LINKING_HASHES_AFTER, [after, FILTER_PAGE])) as Array<{ hex: string }>;
          for (const row of page) filter.add(row.hex);
          if (page.length < FILTER_PAGE) {
            filter.complete();
            break;
          }
          after = page[page.length - 1]!.hex;
          await nextTurn();
        }
      } catch (error) {
        if (!this.stopping) this.logger.warn(`the filter of linking hashes did not load (new complaints are probed until it does): ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.filterLoad = undefined;
      }
    })();
  }

  /** Normalises and hashes a case's identifiers, and checks the warning list (in memory): before any lock is taken. */
  prepare(source: MatchableCase): PreparedNewCase {
    const identifiers = new Map<string, PreparedIdentifier>();
    const unusable: UnusableIdentifier[] = [];
    source.subjects.forEach((subject, index) => {
      const result = normaliseIdentifier(subject);
      if (!result.ok) {
        unusable.push({ index, type: subject.type, reason: result.reason, message: result.message });
        return;
      }
      const hash = this.blindIndex.of(result.identifier);
      const hex = hash.toString('hex');
      const listed = this.warningList.entryFor(result.identifier);
      if (!identifiers.has(hex)) identifiers.set(hex, { ...result.identifier, index: hash, hex, ...(listed ? { warningEntryId: listed.id } : {}) });
    });
    return { source, identifiers: [...identifiers.values()], unusable };
  }

  /**
   * Adds cases (or replaces the identifiers of cases already known by holder and
   * ref) and maintains clusters, inside the caller's transaction. A cluster whose set
   * of agencies changed is marked due a MatchNotice in the same transaction; the
   * notifier sends it. `fresh`: the caller has just made these cases, so none can be known yet.
   */
  async ingest(manager: EntityManager, cases: readonly MatchableCase[], now: Date = new Date(), options: { fresh?: boolean } = {}): Promise<IngestedCase[]> {
    if (cases.length === 0) return [];
    const placement = await this.place(manager, await this.prepareAll(cases), options.fresh ? {} : undefined);
    const { write } = placement;
    await WRITE_CASES.run(manager, [write.cases, write.identifiers, write.due, now.toISOString()]);
    const { batch, clusterOfCase, changed } = placement;
    // What this process remembers of these hashes' clusters may change with this transaction (and is rebuilt by probes).
    this.holdings.forget(write.held.map((holding) => holding.hex));

    const targetOf = new Map(clusterOfCase);
    // A case that lost identifiers may have been the only bridge inside its old cluster.
    const reshaped = [...new Set(batch.filter((entry) => entry.existing).flatMap((entry) => [entry.previousClusterId!, clusterOfCase.get(entry.caseId)!]))];
    if (reshaped.length > 0) {
      for (const [caseId, clusterId] of await this.recompute(manager, reshaped)) clusterOfCase.set(caseId, clusterId);
    }

    if (changed.length > 0 && reshaped.length > 0) {
      // A recompute (re-sent cases only) may have renamed part of a changed cluster: its new ids are due too.
      const changedTargets = new Set(changed);
      const renamed = batch.filter((entry) => changedTargets.has(targetOf.get(entry.caseId)!)).map((entry) => clusterOfCase.get(entry.caseId)!);
      await manager.query(MARK_NOTICE_DUE, [[...new Set(renamed)]]);
    }

    return batch.map((entry) => ({ caseId: entry.caseId, clusterId: clusterOfCase.get(entry.caseId)!, indexed: entry.identifiers.length, unusable: entry.unusable }));
  }

  /** New cases (the caller has just made them: no holder and ref can be known yet), normalised and hashed before their transaction. */
  async prepareNew(cases: readonly MatchableCase[]): Promise<NewCases> {
    const prepared = await this.prepareAll(cases);
    return { prepared, linking: [...new Set(prepared.flatMap((entry) => entry.identifiers.filter(links).map((identifier) => identifier.hex)))] };
  }

  /**
   * The statement that takes the matching lock and finds the clusters that hold new cases' identifiers: a caller that
   * writes them under the lock opens its transaction with it (transactionOpenedBy) and passes its rows to placeNew.
   * Built only when needed: most batches write without the lock.
   */
  openingOf(cases: NewCases): string {
    return lockAndFindClustersHolding(cases.linking, MATCHING_LOCK);
  }

  /**
   * The clusters that hold new cases' identifiers, read without the lock (the probe of an optimistic write: placeNew,
   * then a statement guarded by `holdersUnchanged`).
   */
  async probeNew(cases: NewCases): Promise<ClusterHolding[]> {
    const found = await FIND_CLUSTERS_HOLDING.run(this.dataSource, [cases.linking.map((hex) => `\\x${hex}`)]);
    this.holdings.learnProbe(cases.linking, found);
    return found;
  }

  /**
   * What a probe would find for new cases, from what this process remembers (HoldingsMemory), or undefined when it
   * does not know: then probeNew. Only a guess, to be passed to placeNew as a probe's rows: the write checks it under
   * the lock as it checks a probe, and a batch whose write then finds it wrong calls `forget` and probes.
   */
  rememberedHolders(cases: NewCases): ClusterHolding[] | undefined {
    if (this.holdings.filterWanted) this.loadFilter();
    return this.holdings.predict(cases.linking);
  }

  /** A batch placed by placeNew has been written: its hashes' clusters are remembered. */
  remember(write: CaseWrite): void {
    this.holdings.learnWrite(write.held);
  }

  /** A write found the clusters changed since what it was placed on: what was remembered of them is dropped. */
  forget(cases: NewCases): void {
    this.holdings.forget(cases.linking);
  }

  /**
   * New cases placed in clusters from what a probe found (`holders`), for the caller to write in a statement of its
   * own that composes matching's `writtenCases`, guarded by `holdersUnchanged` with the parameters returned: intake
   * writes a batch of complaints and their cases in one round trip. `manager`: the transaction that took the lock with
   * the probe (openingOf), or none for a probe without the lock; then no statement is run, and where the
   * batch would merge clusters it returns undefined, to be placed again under the lock (merges are written first).
   */
  async placeNew(manager: EntityManager | undefined, cases: NewCases, holders: readonly ClusterHolding[]): Promise<CaseWrite | undefined> {
    const placement = manager ? await this.place(manager, cases.prepared, { holders }) : await this.place(this.dataSource.manager, cases.prepared, { holders, unlocked: true });
    return placement?.write;
  }

  /** Every case normalised and hashed, a hundred at a time between turns of the event loop (PREPARE_BETWEEN_TURNS). */
  private async prepareAll(cases: readonly MatchableCase[]): Promise<PreparedNewCase[]> {
    const prepared: PreparedNewCase[] = [];
    for (const [position, source] of cases.entries()) {
      if (position > 0 && position % PREPARE_BETWEEN_TURNS === 0) await nextTurn();
      prepared.push(this.prepare(source));
    }
    return prepared;
  }

  /**
   * Under the matching lock: which cases are known, which clusters hold the batch's identifiers, and so where each
   * case goes (merging clusters a case bridges). Writes the merges; returns the rows of the write. `fresh`: none of
   * the cases can be known, so the lock is taken with the probe (one round trip), or was taken by the statement that
   * found `holders` (openingOf). `unlocked`: `holders` were found without the lock; nothing is written, the
   * write carries what was found for `holdersUnchanged`, and a batch that would merge clusters gets undefined.
   */
  private async place(manager: EntityManager, prepared: readonly PreparedNewCase[], fresh?: { holders?: readonly ClusterHolding[]; unlocked?: false }): Promise<Placement>;
  private async place(manager: EntityManager, prepared: readonly PreparedNewCase[], fresh: { holders: readonly ClusterHolding[]; unlocked: true }): Promise<Placement | undefined>;
  private async place(manager: EntityManager, prepared: readonly PreparedNewCase[], fresh?: { holders?: readonly ClusterHolding[]; unlocked?: boolean }): Promise<Placement | undefined> {
    if (!fresh) await manager.query(LOCK_MATCHING, [MATCHING_LOCK]);
    const known = fresh ? [] : (await manager.query(
      KNOWN_CASES,
      [prepared.map((entry) => entry.source.holder), prepared.map((entry) => entry.source.caseRef)],
    )) as Array<{ id: string; holder: string; case_ref: string; cluster_id: string; splits: string[] }>;
    const knownByRef = new Map(known.map((row) => [`${row.holder}\u0000${row.case_ref}`, row]));
    const splits = new Set(known.flatMap((row) => row.splits.map((hex) => `${row.id}:${hex}`)));

    // A batch may name one case twice (a partner re-sending): the last version wins.
    const byRef = new Map<string, PreparedCase>();
    for (const entry of prepared) {
      const ref = `${entry.source.holder}\u0000${entry.source.caseRef}`;
      const row = knownByRef.get(ref);
      byRef.set(ref, { ...entry, caseId: row?.id ?? byRef.get(ref)?.caseId ?? timeOrderedUuid(), existing: row !== undefined, ...(row ? { previousClusterId: row.cluster_id } : {}) });
    }
    const batch = [...byRef.values()];
    // An official number never links, nor does a link staff split.
    const isLinking = (entry: PreparedCase, identifier: PreparedIdentifier): boolean =>
      links(identifier) && (splits.size === 0 || !splits.has(`${entry.caseId}:${identifier.hex}`));

    const replaced = batch.filter((entry) => entry.existing).map((entry) => entry.caseId);
    if (replaced.length > 0) await manager.query(DELETE_IDENTIFIERS_OF_CASES, [replaced]);

    // Which cluster already holds each strong identifier of the batch (one at most: clusters are closed under links).
    const strong = [...new Set(batch.flatMap((entry) => entry.identifiers.filter((identifier) => isLinking(entry, identifier)).map((identifier) => identifier.hex)))];
    // One index probe per identifier, however many cases quote it (a scammer reported thousands of times), with the
    // agencies of the cluster found: a notice is due only when a cluster's set of agencies changes. New cases take the
    // lock with the probe, even with nothing to probe, unless the statement that opened the transaction did both.
    const probed = strong.map((hex) => `\\x${hex}`);
    let holders: readonly ClusterHolding[] = [];
    if (fresh?.holders) holders = fresh.holders;
    else if (fresh || strong.length > 0) holders = await LOCK_AND_FIND_CLUSTERS_HOLDING.run(manager, [probed, MATCHING_LOCK]);
    const clusterOf = new Map(holders.map((row) => [row.hex, row.cluster_id]));

    // Union-find over the batch's cases and the existing clusters they touch.
    const sets = new DisjointSets<string>();
    const firstInBatch = new Map<string, string>();
    for (const entry of batch) {
      const node = `case:${entry.caseId}`;
      sets.add(node);
      for (const identifier of entry.identifiers) {
        if (!isLinking(entry, identifier)) continue;
        const cluster = clusterOf.get(identifier.hex);
        if (cluster) sets.union(node, `cluster:${cluster}`);
        const earlier = firstInBatch.get(identifier.hex);
        if (earlier) sets.union(node, earlier);
        else firstInBatch.set(identifier.hex, node);
      }
    }
    const components = sets.components();
    const mergedClusters = components.filter((nodes) => nodes.filter((node) => node.startsWith('cluster:')).length > 1);
    // Merges are written before the cases, so a batch that would merge clusters is placed under the lock.
    if (mergedClusters.length > 0 && fresh?.unlocked) return undefined;
    const sizes = mergedClusters.length === 0 ? new Map<string, number>() : await this.clusterSizes(manager, mergedClusters.flat().filter((node) => node.startsWith('cluster:')).map((node) => node.slice(8)));

    const agenciesOf = new Map(holders.map((row) => [row.cluster_id, new Set(row.agencies)]));

    const clusterOfCase = new Map<string, string>();
    const merges: Array<{ from: string; to: string }> = [];
    const changed: string[] = [];
    const held: ClusterHolding[] = [];
    const byCaseId = new Map(batch.map((entry) => [entry.caseId, entry]));
    for (const nodes of components) {
      const existing = nodes.filter((node) => node.startsWith('cluster:')).map((node) => node.slice(8));
      const members = nodes.filter((node) => node.startsWith('case:')).map((node) => node.slice(5));
      let target: string;
      if (existing.length === 0) target = members.map((id) => byCaseId.get(id)!.previousClusterId).find(Boolean) ?? timeOrderedUuid();
      else {
        // The largest cluster keeps its id: fewest rows move.
        target = existing.reduce((best, id) => ((sizes.get(id) ?? 0) > (sizes.get(best) ?? 0) ? id : best), existing[0]!);
        for (const id of existing) if (id !== target) merges.push({ from: id, to: target });
      }
      for (const id of members) clusterOfCase.set(id, target);
      // The cluster's agencies once written: those of the clusters it joins and the holders of its new cases.
      const agencies = new Set(existing.flatMap((id) => [...(agenciesOf.get(id) ?? [])]));
      for (const id of members) agencies.add(byCaseId.get(id)!.source.holder);
      const sortedAgencies = [...agencies].sort();
      const heldHere = new Set<string>();
      for (const id of members) {
        const entry = byCaseId.get(id)!;
        for (const identifier of entry.identifiers) {
          if (!isLinking(entry, identifier) || heldHere.has(identifier.hex)) continue;
          heldHere.add(identifier.hex);
          held.push({ hex: identifier.hex, cluster_id: target, agencies: sortedAgencies });
        }
      }
      if (nodes.length > 1 && changesAgencies(existing.map((id) => agenciesOf.get(id) ?? new Set<string>()), agencies)) changed.push(target);
    }

    if (merges.length > 0) {
      await manager.query(
        MERGE_CLUSTERS,
        [merges.map((merge) => merge.from), merges.map((merge) => merge.to)],
      );
    }
    const caseRows: CaseRow[] = batch.map((entry) => ({
      id: entry.caseId, holder: entry.source.holder, caseRef: entry.source.caseRef, complaintId: entry.source.complaintId ?? null,
      category: entry.source.category, subCategory: entry.source.subCategory ?? null, reportedAt: entry.source.reportedAt.toISOString(),
      clusterId: clusterOfCase.get(entry.caseId)!,
    }));
    const identifierRows: IdentifierRow[] = batch.flatMap((entry) => entry.identifiers.map((identifier) => ({
      caseId: entry.caseId, hex: identifier.hex, kind: identifier.kind, strength: identifier.strength, masked: identifier.masked,
      linking: identifier.strength === 'weak' || isLinking(entry, identifier), warningEntryId: identifier.warningEntryId ?? null,
    })));
    return {
      batch, clusterOfCase, changed,
      write: {
        cases: JSON.stringify(caseRows), identifiers: JSON.stringify(identifierRows), due: [...new Set(changed)],
        probed, found: fresh?.unlocked ? JSON.stringify(holders) : null, held,
      },
    };
  }

  /**
   * Re-index (`npm run matching:reindex`): a batch of cases already known, sent again from their source with today's
   * rules, in the caller's transaction. A split outlives the change: where a case staff split gets identifiers it did
   * not have (a value the new rules read otherwise), they are split off too, so that a link staff broke stays broken.
   * Returns how many splits were carried over.
   */
  async reindexCases(manager: EntityManager, cases: readonly MatchableCase[], now: Date): Promise<{ carriedSplits: number }> {
    if (cases.length === 0) return { carriedSplits: 0 };
    await manager.query(LOCK_MATCHING, [MATCHING_LOCK]);
    const known = (await manager.query(CASES_WITH_SPLITS, [cases.map((source) => source.holder), cases.map((source) => source.caseRef)])) as Array<{ id: string; holder: string; case_ref: string; hashes: string[]; splits: string[] }>;
    const byRef = new Map(known.map((row) => [`${row.holder}\u0000${row.case_ref}`, row]));
    let carried = 0;
    for (const source of cases) {
      const row = byRef.get(`${source.holder}\u0000${source.caseRef}`);
      if (!row || row.splits.length === 0) continue;
      const before = new Set(row.hashes);
      const fresh = this.prepare(source).identifiers.filter((identifier) => identifier.strength === 'strong' && !before.has(identifier.hex) && !row.splits.includes(identifier.hex));
      if (fresh.length === 0) continue;
      await manager.query(RECORD_SPLITS, [row.id, fresh.map((identifier) => `\\x${identifier.hex}`), 'matching:reindex', 'carried over from a split of this case when the rules changed']);
      carried += fresh.length;
    }
    await this.ingest(manager, cases, now);
    return { carriedSplits: carried };
  }

  /**
   * Re-applies the warning list to every stored identifier by its hash, in the caller's transaction: the cases of
   * partners, whose raw values the hub does not keep, are held to the list this way (exact entries; a domain entry
   * can only be applied to values the hub can read again). A listed hash stops linking and its clusters are recomputed;
   * a hash whose entry was removed links again (unless split) and the clusters it joins merge.
   */
  async reapplyWarningList(manager: EntityManager): Promise<{ unlinked: number; relinked: number }> {
    await manager.query(LOCK_MATCHING, [MATCHING_LOCK]);
    const listed = await this.warningList.list(false);
    const exact = listed.filter((entry) => entry.scope === 'exact');
    const marked = (await manager.query(MARK_LISTED_HASHES, [
      exact.map((entry) => `\\x${this.blindIndex.of({ kind: entry.kind, value: entry.value }).toString('hex')}`), exact.map((entry) => entry.id),
    ])) as [Array<{ case_id: string }>, number];
    const unmarked = (await manager.query(UNMARK_UNLISTED_HASHES, [listed.map((entry) => entry.id)])) as [Array<{ case_id: string; hex: string; linking: boolean }>, number];
    const [markedRows, unmarkedRows] = [marked[0], unmarked[0]];
    const revived = [...new Set(unmarkedRows.filter((row) => row.linking).map((row) => row.hex))];
    // Linking again: a filter loaded while they did not link left them out.
    this.holdings.forget(revived);
    if (revived.length > 0) {
      // Every cluster a revived hash links joins one: the first keeps its id (a recompute below splits what must split).
      const linked = (await manager.query(CLUSTERS_LINKED_BY, [revived.map((hex) => `\\x${hex}`)])) as Array<{ hex: string; clusters: string[] }>;
      const sets = new DisjointSets<string>();
      for (const row of linked) row.clusters.forEach((cluster) => sets.union(row.clusters[0]!, cluster));
      const merges = sets.components().filter((group) => group.length > 1).flatMap((group) => group.slice(1).map((from) => ({ from, to: group[0]! })));
      if (merges.length > 0) {
        await manager.query(MERGE_CLUSTERS, [merges.map((merge) => merge.from), merges.map((merge) => merge.to)]);
        await manager.query(MARK_NOTICE_DUE, [[...new Set(merges.map((merge) => merge.to))]]);
      }
    }
    if (markedRows.length > 0) {
      const clusters = (await manager.query(CLUSTERS_OF_CASES, [[...new Set(markedRows.map((row) => row.case_id))]])) as Array<{ cluster_id: string }>;
      await this.recompute(manager, clusters.map((row) => row.cluster_id));
    }
    return { unlinked: markedRows.length, relinked: unmarkedRows.filter((row) => row.linking).length };
  }

  /** Every case's cluster, for comparing the clusters before and after a re-index. */
  async membership(manager: EntityManager): Promise<Map<string, string>> {
    const rows = (await manager.query(CASE_MEMBERSHIP)) as Array<{ id: string; cluster_id: string }>;
    return new Map(rows.map((row) => [row.id, row.cluster_id]));
  }

  /**
   * Staff separate a wrong link: this case's identifier (or all its strong ones)
   * no longer links it to anything, now or when it is sent again. The cluster is
   * recomputed from the links that remain.
   */
  async split(staff: Principal, clusterId: string, caseId: string, identifierRef: string | undefined, reason: string | undefined): Promise<{ clusterIds: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_MATCHING, [MATCHING_LOCK]);
      const identifiers = (await manager.query(
        LINKING_IDENTIFIERS_OF_CASE,
        [caseId, clusterId],
      )) as Array<{ hex: string; kind: string }>;
      const chosen = identifierRef === undefined ? identifiers : identifiers.filter((identifier) => identifier.hex === identifierRef);
      if (chosen.length === 0) {
        const inCluster = (await manager.query(CASE_IN_CLUSTER, [caseId, clusterId])) as unknown[];
        if (inCluster.length === 0) throw new MatchingError('MATCH_CASE_NOT_IN_CLUSTER', `Case ${caseId} is not in cluster ${clusterId}.`);
        throw new MatchingError('MATCH_IDENTIFIER_NOT_LINKING', identifierRef === undefined ? `Case ${caseId} has no identifier that links it.` : `Case ${caseId} has no linking identifier ${identifierRef}.`);
      }
      await manager.query(
        RECORD_SPLITS,
        [caseId, chosen.map((identifier) => `\\x${identifier.hex}`), staff.subject, reason ?? null],
      );
      await manager.query(STOP_LINKING, [caseId, chosen.map((identifier) => `\\x${identifier.hex}`)]);
      const after = await this.recompute(manager, [clusterId]);
      const clusterIds = [...new Set(after.values())];
      await this.audit.record(staff, { action: 'match.split', subjectType: 'cluster', subjectId: clusterId, details: { caseId, identifiers: chosen.map((identifier) => identifier.kind).join(','), clusters: clusterIds.join(',') } }, manager);
      return { clusterIds: clusterIds.length > 0 ? clusterIds : [clusterId] };
    });
  }

  /** Recomputes the components of clusters from their linking identifiers; the largest part keeps the id. */
  private async recompute(manager: EntityManager, clusterIds: readonly string[]): Promise<Map<string, string>> {
    const rows = (await manager.query(
      CLUSTER_LINKS,
      [clusterIds],
    )) as Array<{ id: string; cluster_id: string; links: string[] }>;
    const result = new Map<string, string>();
    const moves: Array<{ caseId: string; clusterId: string }> = [];
    for (const clusterId of clusterIds) {
      const members = rows.filter((row) => row.cluster_id === clusterId);
      const parts = componentsOf(members, (row) => row.links).sort((a, b) => b.length - a.length);
      parts.forEach((part, index) => {
        const id = index === 0 ? clusterId : timeOrderedUuid();
        for (const row of part) {
          result.set(row.id, id);
          if (index > 0) moves.push({ caseId: row.id, clusterId: id });
        }
      });
    }
    if (moves.length > 0) {
      await manager.query(MOVE_CASES, [
        moves.map((move) => move.caseId), moves.map((move) => move.clusterId),
      ]);
    }
    // Cases may have left these clusters (a split, an edit): their sets of agencies are read again.
    await this.rebuildAgencies(manager, [...new Set([...clusterIds, ...result.values()])]);
    return result;
  }

  /** The agencies of clusters, from their cases and referrals (after a split or a reshaping edit). */
  private async rebuildAgencies(manager: EntityManager, clusterIds: readonly string[]): Promise<void> {
    await manager.query(
      REBUILD_CLUSTER_AGENCIES,
      [clusterIds],
    );
  }

  private async clusterSizes(manager: EntityManager, clusterIds: string[]): Promise<Map<string, number>> {
    const rows = (await manager.query(CLUSTER_SIZES, [clusterIds])) as Array<{ cluster_id: string; size: number }>;
    return new Map(rows.map((row) => [row.cluster_id, row.size]));
  }
}

/** Whether an identifier links cases (split links aside): a strong one, not on the warning list. */
function links(identifier: PreparedIdentifier): boolean {
  return identifier.strength === 'strong' && !identifier.warningEntryId;
}

/**
 * Whether linking these cases changes which agencies hold the cluster: two
 * clusters merging, or a holder the cluster did not have.
 */
function changesAgencies(existing: ReadonlyArray<ReadonlySet<string>>, after: ReadonlySet<string>): boolean {
  if (existing.length > 1) return true;
  const before = existing[0] ?? new Set<string>();
  return after.size > before.size && after.size > 1;
}
