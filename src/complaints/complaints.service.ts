import { GroupCommit } from '../common/group-commit.js';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { Clock } from '../common/clock.js';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import { PiiCipher } from '../common/pii-cipher.js';
import { normaliseForSearch } from '../common/thai-text.js';
import { DataKeyRing, type SearchGrams } from '../sealing/data-key-ring.js';
import { transactOn } from '../sealing/transact.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { transactionOpenedBy } from '../database/transaction-opened-by.js';
import { MatchingService, type CaseWrite, type ClusterHolding, type MatchableCase, type NewCases } from '../matching/clusters/matching.service.js';
import { normaliseThaiId } from '../matching/identifiers/thai-id.js';
import { SUB_CATEGORIES } from '../standard/codes.js';
import { ComplaintSearch } from './complaint-search.entity.js';
import { Complaint, type ComplaintRecord, type ComplaintTransaction, type PersonalData } from './complaint.entity.js';
import { LEGACY_NATIONAL_ID_FIELD, openPersonalData, resealComplaints, sealPersonalData, searchTextOf } from './complaint-sealing.js';
import { ComplaintError } from './complaints.errors.js';
import { BUMP_VERSION_IF_NEW, REFERRED_TO_PARTNER, WRITE_INTAKE, type ComplaintRow, searchGramsContain, type ComplaintSnapshot, type SealedComplaintSnapshot } from './complaints.sql.js';
import type { CreateComplaintDto, ListComplaintsQuery, TransactionDto, UpdateComplaintDto } from './dto/complaint.dto.js';
import { newReferenceCode } from './reference-code.js';
import { isUuid } from '../common/ids.js';

const DEFAULT_PAGE = 50;
/** A search reads at most this many candidate rows per page asked for before it answers with a shorter page and a cursor. */
const CANDIDATES_PER_RESULT = 20;

export interface ComplaintPage {
  complaints: ComplaintRecord[];
  nextCursor: string | null;
}

/**
 * Recording, editing, finding complaints. Dispatch lives in referrals; this module only
 * knows the complaint. The narrative and the complainant are sealed at rest
 * (complaint-sealing.ts); search goes through keyed grams, never through clear text.
 */
@Injectable()
export class ComplaintsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintsService.name);

  private readonly intake = new GroupCommit<PendingComplaint, ComplaintRecord>((pending) => this.writeComplaints(pending), INTAKE_BATCH);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly legacyPii: PiiCipher,
    private readonly ring: DataKeyRing,
    private readonly matching: MatchingService,
    private readonly clock: Clock,
  ) {}

  /** Rows written by a version of the hub that stored personal data in clear are sealed before the hub serves. */
  async onApplicationBootstrap(): Promise<void> {
    const sealed = await resealComplaints(this.ring, transactOn(this.dataSource), { scope: 'unsealed', openLegacyNationalId: (sealed) => this.legacyPii.open(LEGACY_NATIONAL_ID_FIELD, sealed) });
    if (sealed > 0) this.logger.log(`sealed the personal data of ${sealed} complaints written before sealing`);
  }

  async create(request: CreateComplaintDto, staff: Principal): Promise<ComplaintRecord> {
    const id = randomUUID();
    const personal: PersonalData = {
      narrative: request.narrative.normalize('NFC'),
      complainant: {
        name: request.complainant.name.normalize('NFC'),
        phone: request.complainant.phone ?? null,
        email: request.complainant.email ?? null,
        lineId: request.complainant.lineId ?? null,
        nationalId: nationalIdDigits(request.complainant.nationalId),
      },
    };
    const fields: ComplaintFields = {
      id,
      referenceCode: newReferenceCode(),
      status: 'new',
      channel: request.channel,
      category: request.category,
      subCategory: request.subCategory,
      incidentDate: request.incidentDate ?? null,
      personalData: sealPersonalData(this.ring, id, personal),
      transaction: request.transaction ? toTransaction(request.transaction) : null,
      subjects: (request.subjects ?? []).map((subject) => ({ ...subject, value: subject.value.normalize('NFC') })),
      receivedAt: request.receivedAt ? new Date(request.receivedAt) : this.clock.now(),
      createdBy: staff.subject,
    };
    const index = this.ring.searchGrams(searchTextOf(personal.narrative, fields.transaction));
    return this.intake.submit({ fields, personal, index });
  }

  /**
   * Complaints arriving together are written together (GroupCommit): one transaction, one turn of the matching lock
   * and one WAL flush for the batch, instead of one each under a lock that serialises them all (issue 23: intake at
   * 164 complaints/s waited on one flush per complaint). Links inside the batch are found as between batches (ingest
   * is a union-find over the batch and the clusters it touches). A batch that fails is written again one complaint at
   * a time, so that one complaint's failure is its own.
   */
  private async writeComplaints(pending: PendingComplaint[]): Promise<ComplaintRecord[]> {
    if (pending.length > 1) {
      try {
        return await this.writeIntake(pending);
      } catch {
        // A reference code drawn twice, say: each goes alone, and only the one at fault fails.
      }
    }
    const written: ComplaintRecord[] = [];
    for (const entry of pending) written.push(await this.writeComplaint(entry));
    return written;
  }

  /** One complaint, its search grams and its place in the matching index, together. */
  private async writeComplaint(entry: PendingComplaint): Promise<ComplaintRecord> {
    // A reference code collision is astronomically rare (32^8 codes) but possible: draw again.
    for (let attempt = 0; ; attempt++) {
      try {
        const drawn = attempt === 0 ? entry : { ...entry, fields: { ...entry.fields, referenceCode: newReferenceCode() } };
        const [complaint] = await this.writeIntake([drawn]);
        return complaint!;
      } catch (error) {
        if (attempt < 5 && isUniqueViolation(error, 'complaint_reference_code_unique')) continue;
        throw error;
      }
    }
  }

  /**
   * New complaints, their search rows and their cases in matching. First in one round trip and no transaction: one
   * statement (WRITE_INTAKE) that takes the lock and writes only if the clusters holding their identifiers are still
   * what matching remembers of them (MatchingService.rememberedHolders). When it does not know, or the statement found
   * them changed, a probe of those clusters without the lock first, then the statement. When another batch changed them
   * in between again, or the batch would merge clusters, under the lock: BEGIN with the lock and the probe (matching's
   * openingOf), the statement, COMMIT.
   */
  private async writeIntake(pending: readonly PendingComplaint[]): Promise<ComplaintRecord[]> {
    const cases = await this.matching.prepareNew(pending.map((entry) => matchableCase(entry.fields)));
    const remembered = this.matching.rememberedHolders(cases);
    if (remembered) {
      const written = await this.writeUnlocked(pending, cases, remembered);
      if (written) return written;
    }
    const written = await this.writeUnlocked(pending, cases, await this.matching.probeNew(cases));
    if (written) return written;
    let placed: CaseWrite | undefined;
    const locked = await transactionOpenedBy(this.dataSource, this.matching.openingOf(cases), async (manager, holders: ClusterHolding[]) => {
      placed = await this.matching.placeNew(manager, cases, holders);
      const written = placed && (await this.writeWith(manager, pending, placed));
      if (!written) throw new Error('intake: the clusters changed while this transaction held the matching lock');
      return written;
    });
    this.matching.remember(placed!);
    return locked;
  }

  /** The batch placed on `holders` found without the lock, and written if they still hold; undefined if not (nothing written). */
  private async writeUnlocked(pending: readonly PendingComplaint[], cases: NewCases, holders: readonly ClusterHolding[]): Promise<ComplaintRecord[] | undefined> {
    const placed = await this.matching.placeNew(undefined, cases, holders);
    if (!placed) return undefined;
    const written = await this.writeWith(this.dataSource.manager, pending, placed);
    if (written) this.matching.remember(placed);
    else this.matching.forget(cases);
    return written;
  }

  /** WRITE_INTAKE with matching's placement; undefined when the clusters changed since its probe (nothing written). */
  private async writeWith(manager: EntityManager, pending: readonly PendingComplaint[], placed: CaseWrite): Promise<ComplaintRecord[] | undefined> {
    const now = this.clock.now();
    const made = await WRITE_INTAKE.run(manager, [
      JSON.stringify(pending.map(complaintRow)), placed.cases, placed.identifiers, placed.due, now.toISOString(), placed.probed, placed.found,
    ]);
    if (made.length === 0) return undefined;
    const byId = new Map(made.map((row) => [row.id, row]));
    return pending.map((entry) => {
      const { seq, createdAt, updatedAt, version } = byId.get(entry.fields.id)!;
      return opened({ ...entry.fields, seq, createdAt, updatedAt, version }, entry.personal);
    });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ComplaintRecord> {
    const complaint = isUuid(id) ? await manager.getRepository(Complaint).findOneBy({ id }) : null;
    if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
    return this.open(complaint);
  }

  update(id: string, changes: UpdateComplaintDto): Promise<ComplaintRecord> {
    return this.dataSource.transaction(async (manager) => {
      const complaint = await manager.getRepository(Complaint).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
      if (complaint.status === 'withdrawn') throw new ComplaintError('COMPLAINT_WITHDRAWN', `Complaint ${id} was withdrawn: it can no longer change.`);
      if (complaint.status !== 'new') {
        throw new ComplaintError('COMPLAINT_ALREADY_DISPATCHED', `This complaint has been dispatched: send the changes as an amendment (POST /v1/complaints/${id}/amendments), which reaches each agency as a new version of its referral.`);
      }
      await this.change(manager, complaint, changes);
      return this.get(id, manager);
    });
  }

  /**
   * An amendment of a dispatched complaint, inside the caller's transaction: the complaint
   * is locked, changed and re-indexed; returns it as the new Referral versions show it.
   */
  async amend(manager: EntityManager, id: string, changes: UpdateComplaintDto): Promise<ComplaintSnapshot> {
    const complaint = await manager.getRepository(Complaint).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
    if (complaint.status === 'new') throw new ComplaintError('COMPLAINT_NOT_DISPATCHED', 'Nothing has been dispatched yet: change the complaint with PATCH.');
    if (complaint.status === 'withdrawn') throw new ComplaintError('COMPLAINT_WITHDRAWN', `Complaint ${id} was withdrawn: it can no longer change.`);
    return this.change(manager, complaint, changes);
  }

  /**
   * Withdraws a complaint inside the caller's transaction (a Retraction): it is dispatched to no one again, never
   * changes again, and its identifiers leave matching, so that it links no case from now on. Returns its reference code.
   */
  async withdraw(manager: EntityManager, id: string): Promise<{ referenceCode: string }> {
    const complaint = isUuid(id) ? await manager.getRepository(Complaint).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
    if (complaint.status === 'withdrawn') throw new ComplaintError('COMPLAINT_WITHDRAWN', `Complaint ${id} was already withdrawn.`);
    complaint.status = 'withdrawn';
    await manager.getRepository(Complaint).save(complaint);
    await this.matching.ingest(manager, [{ ...matchableCase(complaint), subjects: [] }]);
    return { referenceCode: complaint.referenceCode };
  }

  /**
   * The complaints after `afterSeq`, in order, as matching indexes them (a withdrawn one with no identifiers), up
   * to `limit`: what `npm run matching:reindex` sends through today's rules. Subjects are not sealed, so nothing is
   * opened.
   */
  async matchableCasesAfter(afterSeq: string, limit: number): Promise<{ cases: MatchableCase[]; lastSeq: string | null }> {
    const complaints = await this.dataSource.getRepository(Complaint).createQueryBuilder('complaint')
      .where('complaint.seq > :afterSeq', { afterSeq }).orderBy('complaint.seq', 'ASC').limit(limit).getMany();
    return {
      cases: complaints.map((complaint) => (complaint.status === 'withdrawn' ? { ...matchableCase(complaint), subjects: [] } : matchableCase(complaint))),
      lastSeq: complaints.at(-1)?.seq ?? null,
    };
  }

  /** The id of the complaint a reference code names, inside the caller's transaction; null when none does. */
  async idOfReferenceCode(manager: EntityManager, referenceCode: string): Promise<string | null> {
    return (await manager.getRepository(Complaint).findOne({ select: { id: true }, where: { referenceCode } }))?.id ?? null;
  }

  /** The complaint as a Referral document shows it, read inside the caller's transaction. */
  async snapshot(manager: EntityManager, id: string): Promise<ComplaintSnapshot> {
    return this.open(await manager.getRepository(Complaint).findOneByOrFail({ id }));
  }

  /** A snapshot read by a statement that composes selectComplaintSnapshot, opened. */
  async openSnapshot<Snapshot extends SealedComplaintSnapshot>(snapshot: Snapshot): Promise<Omit<Snapshot, 'personalData'> & PersonalData> {
    const { personalData, ...rest } = snapshot;
    return { ...rest, ...(await openPersonalData(this.ring, snapshot.id, personalData)) };
  }

  /** The complaint a reference code names, for public tracking; null when none does. */
  async byReferenceCode(referenceCode: string): Promise<{ id: string; referenceCode: string; receivedAt: Date } | null> {
    return this.dataSource.getRepository(Complaint).findOne({ select: { id: true, referenceCode: true, receivedAt: true }, where: { referenceCode } });
  }

  /**
   * A new version of a complaint that is still new, inside the caller's transaction (its
   * evidence changed): a dispatch that read the old version reads it again. False when it
   * was dispatched meanwhile.
   */
  async bumpVersionIfNew(manager: EntityManager, id: string): Promise<boolean> {
    const [changed] = (await manager.query(BUMP_VERSION_IF_NEW, [id])) as [unknown[], number];
    return changed.length > 0;
  }

  /**
   * Applies a change set to a locked complaint and saves it, inside the caller's
   * transaction: the personal data sealed again, the search grams only if the text
   * changed, the identifiers re-indexed for matching.
   */
  private async change(manager: EntityManager, complaint: Complaint, changes: UpdateComplaintDto): Promise<ComplaintRecord> {
    const personal = await openPersonalData(this.ring, complaint.id, complaint.personalData);
    const searchedBefore = searchTextOf(personal.narrative, complaint.transaction);
    applyChanges(complaint, personal, changes);
    complaint.personalData = sealPersonalData(this.ring, complaint.id, personal);
    await manager.getRepository(Complaint).save(complaint);
    const searched = searchTextOf(personal.narrative, complaint.transaction);
    if (searched !== searchedBefore) {
      const index = this.ring.searchGrams(searched);
      await manager.getRepository(ComplaintSearch).update({ complaintId: complaint.id }, { grams: index.grams, gramsKid: index.kid, gramsScheme: index.scheme });
    }
    await this.matching.ingest(manager, [matchableCase(complaint)]);
    return opened(complaint, personal);
  }

  /**
   * A page of complaints, newest first. With `q`, the index finds candidates by their
   * grams and each is kept only if its opened text holds the needle; a page is read in
   * batches until it is full, or until CANDIDATES_PER_RESULT candidates per row asked for
   * were read (then it may be short, with a cursor to go on).
   */
  async list(query: ListComplaintsQuery): Promise<ComplaintPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const needle = query.q ? normaliseForSearch(query.q) : '';
    const builder = this.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
    if (query.status) builder.andWhere('complaint.status = :status', { status: query.status });
    if (query.category) builder.andWhere('complaint.category = :category', { category: query.category });
    if (query.channel) builder.andWhere('complaint.channel = :channel', { channel: query.channel });
    if (query.from) builder.andWhere('complaint.received_at >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('complaint.received_at < :to', { to: new Date(query.to) });
    if (query.partner) builder.andWhere(REFERRED_TO_PARTNER, { partner: query.partner });
    if (needle) {
      const keys = this.ring.needleGrams(needle);
      builder.andWhere(searchGramsContain(keys.length), Object.fromEntries(keys.flatMap((key, index) => [[`kid${index}`, key.kid], [`scheme${index}`, key.scheme], [`grams${index}`, key.grams]])));
    }
    const found: ComplaintRecord[] = [];
    let after = query.cursor ? sequenceAfter('c', query.cursor) : undefined;
    let read = 0;
    for (;;) {
      const batch = builder.clone();
      if (after !== undefined) batch.andWhere('complaint.seq < :seq', { seq: after });
      const rows = await batch.orderBy('complaint.seq', 'DESC').limit(limit + 1).getMany();
      for (const row of rows) {
        const record = await this.open(row);
        // One more than the page: then there is a next page, which starts after the last row shown.
        if (!needle || searchTextOf(record.narrative, record.transaction).includes(needle)) found.push(record);
        if (found.length > limit) {
          const page = pageOf(found, limit, (last) => encodeCursor('c', last.seq));
          return { complaints: page.rows, nextCursor: page.nextCursor };
        }
      }
      read += rows.length;
      if (rows.length <= limit) return { complaints: found, nextCursor: null };
      after = rows[limit]!.seq;
      if (read >= limit * CANDIDATES_PER_RESULT) {
        // Enough read for one answer: the next page goes on after the last candidate read.
        return { complaints: found, nextCursor: encodeCursor('c', after) };
      }
    }
  }

  private async open(complaint: Complaint): Promise<ComplaintRecord> {
    return opened(complaint, await openPersonalData(this.ring, complaint.id, complaint.personalData));
  }
}

/** National id digits, checked: 13 with a valid mod-11 check digit. */
function nationalIdDigits(value: string | undefined): string | null {
  if (value === undefined) return null;
  const digits = normaliseThaiId(value);
  if (!digits) {
    throw new ComplaintError('COMPLAINT_INVALID', 'The national id is not 13 digits with a valid check digit.', {}, [
      { path: 'complainant.nationalId', message: 'complainant.nationalId must be 13 digits with a valid mod-11 check digit' },
    ]);
  }
  return digits;
}

function opened(complaint: Complaint, personal: PersonalData): ComplaintRecord {
  const { personalData: _sealed, ...rest } = complaint;
  return { ...rest, ...personal };
}

/** Applies a change set to a complaint and its opened personal data in memory (the caller seals and saves them, inside its transaction). */
function applyChanges(complaint: Complaint, personal: PersonalData, changes: UpdateComplaintDto): void {
  if (changes.channel !== undefined) complaint.channel = changes.channel;
  if (changes.category !== undefined) complaint.category = changes.category;
  if (changes.subCategory !== undefined) complaint.subCategory = changes.subCategory;
  if (changes.narrative !== undefined) personal.narrative = changes.narrative.normalize('NFC');
  if (changes.incidentDate !== undefined) complaint.incidentDate = changes.incidentDate;
  if (changes.complainant !== undefined) {
    personal.complainant = {
      name: changes.complainant.name.normalize('NFC'),
      phone: changes.complainant.phone ?? null,
      email: changes.complainant.email ?? null,
      lineId: changes.complainant.lineId ?? null,
      nationalId: nationalIdDigits(changes.complainant.nationalId),
    };
  }
  if (changes.transaction !== undefined) complaint.transaction = toTransaction(changes.transaction);
  if (changes.subjects !== undefined) complaint.subjects = changes.subjects.map((subject) => ({ ...subject, value: subject.value.normalize('NFC') }));
  if (changes.receivedAt !== undefined) complaint.receivedAt = new Date(changes.receivedAt);
  // The DTO checks a category and sub-category sent together; one sent alone must fit the other as stored.
  if (!(SUB_CATEGORIES[complaint.category] as readonly string[]).includes(complaint.subCategory)) {
    throw new ComplaintError('COMPLAINT_INVALID', `${complaint.subCategory} is not a sub-category of ${complaint.category}.`, {}, [
      { path: 'subCategory', message: `subCategory must be a sub-category of ${complaint.category}` },
    ]);
  }
}

/** A complaint ready to be written: its columns (sealed), what it opens to, and its search grams. */
interface PendingComplaint {
  fields: ComplaintFields;
  personal: PersonalData;
  index: SearchGrams;
}

/** A new complaint's columns: everything but what the database makes. */
type ComplaintFields = Omit<Complaint, 'seq' | 'createdAt' | 'updatedAt' | 'version'>;

/** A new complaint as WRITE_INTAKE takes it. */
function complaintRow({ fields, index }: PendingComplaint): ComplaintRow {
  return {
    id: fields.id, referenceCode: fields.referenceCode, status: fields.status, channel: fields.channel, category: fields.category,
    subCategory: fields.subCategory, incidentDate: fields.incidentDate, personalData: fields.personalData, transaction: fields.transaction,
    subjects: fields.subjects, receivedAt: fields.receivedAt.toISOString(), createdBy: fields.createdBy,
    grams: index.grams, gramsKid: index.kid, gramsScheme: index.scheme,
  };
}

/** At most this many complaints in one intake transaction: a batch is a few milliseconds of the matching lock. */
const INTAKE_BATCH = 64;

function matchableCase(complaint: Pick<Complaint, 'id' | 'referenceCode' | 'category' | 'subCategory' | 'receivedAt' | 'subjects'>): MatchableCase {
  return {
    holder: '1212', caseRef: complaint.referenceCode, complaintId: complaint.id, category: complaint.category, subCategory: complaint.subCategory,
    reportedAt: complaint.receivedAt, subjects: complaint.subjects,
  };
}

function toTransaction(transaction: TransactionDto): ComplaintTransaction {
  const { price, amountLost, ...rest } = transaction;
  return {
    ...rest,
    ...(price ? { priceSatang: price.amountSatang } : {}),
    ...(amountLost ? { amountLostSatang: amountLost.amountSatang } : {}),
    ...(rest.product ? { product: rest.product.normalize('NFC') } : {}),
    ...(rest.seller ? { seller: rest.seller.normalize('NFC') } : {}),
  };
}
