import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import { PiiCipher } from '../common/pii-cipher.js';
import { escapeLike, normaliseForSearch } from '../common/thai-text.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { MatchingService, type MatchableCase } from '../matching/clusters/matching.service.js';
import { normaliseThaiId } from '../matching/identifiers/thai-id.js';
import { SUB_CATEGORIES } from '../standard/codes.js';
import { ComplaintSearch } from './complaint-search.entity.js';
import { Complaint, type ComplaintTransaction } from './complaint.entity.js';
import { ComplaintError } from './complaints.errors.js';
import { BUMP_VERSION_IF_NEW, REFERRED_TO_PARTNER, SEARCH_TEXT_CONTAINS, type ComplaintSnapshot } from './complaints.sql.js';
import type { CreateComplaintDto, ListComplaintsQuery, TransactionDto, UpdateComplaintDto } from './dto/complaint.dto.js';
import { newReferenceCode } from './reference-code.js';
import { isUuid } from '../common/ids.js';

const NATIONAL_ID_FIELD = 'complaint.complainant.nationalId';
const DEFAULT_PAGE = 50;

export interface ComplaintPage {
  complaints: Complaint[];
  nextCursor: string | null;
}

/** Recording, editing, finding complaints. Dispatch lives in referrals; this module only knows the complaint. */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly matching: MatchingService,
  ) {}

  async create(request: CreateComplaintDto, staff: Principal): Promise<Complaint> {
    const complaint = this.dataSource.getRepository(Complaint).create({
      status: 'new',
      channel: request.channel,
      category: request.category,
      subCategory: request.subCategory,
      narrative: request.narrative.normalize('NFC'),
      incidentDate: request.incidentDate ?? null,
      complainantName: request.complainant.name.normalize('NFC'),
      complainantPhone: request.complainant.phone ?? null,
      complainantEmail: request.complainant.email ?? null,
      complainantLineId: request.complainant.lineId ?? null,
      complainantNationalIdSealed: this.sealNationalId(request.complainant.nationalId),
      transaction: request.transaction ? toTransaction(request.transaction) : null,
      subjects: (request.subjects ?? []).map((subject) => ({ ...subject, value: subject.value.normalize('NFC') })),
      receivedAt: request.receivedAt ? new Date(request.receivedAt) : new Date(),
      createdBy: staff.subject,
    });
    // A reference code collision is astronomically rare (32^8 codes) but possible: draw again.
    for (let attempt = 0; ; attempt++) {
      complaint.referenceCode = newReferenceCode();
      try {
        // The complaint and its place in the matching index are written together.
        return await this.dataSource.transaction(async (manager) => {
          // insert() fills in what the database generated (id, timestamps, version): no need to read it back.
          await manager.getRepository(Complaint).insert(complaint);
          await manager.getRepository(ComplaintSearch).insert({ complaintId: complaint.id, searchText: searchTextOf(complaint) });
          await this.matching.ingest(manager, [matchableCase(complaint)], new Date(), { fresh: true });
          return complaint;
        });
      } catch (error) {
        if (attempt < 5 && isUniqueViolation(error, 'complaint_reference_code_unique')) continue;
        throw error;
      }
    }
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Complaint> {
    const complaint = isUuid(id) ? await manager.getRepository(Complaint).findOneBy({ id }) : null;
    if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
    return complaint;
  }

  update(id: string, changes: UpdateComplaintDto): Promise<Complaint> {
    return this.dataSource.transaction(async (manager) => {
      const complaint = await manager.getRepository(Complaint).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${id}.`);
      if (complaint.status !== 'new') {
        throw new ComplaintError('COMPLAINT_ALREADY_DISPATCHED', `This complaint has been dispatched: send the changes as an amendment (POST /v1/complaints/${id}/amendments), which reaches each agency as a new version of its referral.`);
      }
      this.applyChanges(complaint, changes);
      await this.saveChanges(manager, complaint);
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
    this.applyChanges(complaint, changes);
    await this.saveChanges(manager, complaint);
    return complaint;
  }

  /** The complaint as a Referral document shows it, read inside the caller's transaction. */
  async snapshot(manager: EntityManager, id: string): Promise<ComplaintSnapshot> {
    return manager.getRepository(Complaint).findOneByOrFail({ id });
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

  /** Saves an edited complaint, its search text if that changed, and re-indexes its identifiers for matching, inside the caller's transaction. */
  private async saveChanges(manager: EntityManager, complaint: Complaint): Promise<void> {
    await manager.getRepository(Complaint).save(complaint);
    const searchText = searchTextOf(complaint);
    await manager.getRepository(ComplaintSearch).update({ complaintId: complaint.id, searchText: Not(searchText) }, { searchText });
    await this.matching.ingest(manager, [matchableCase(complaint)]);
  }

  /** Applies a change set to a complaint in memory (the caller saves it with saveChanges, inside its transaction). */
  private applyChanges(complaint: Complaint, changes: UpdateComplaintDto): void {
    if (changes.channel !== undefined) complaint.channel = changes.channel;
    if (changes.category !== undefined) complaint.category = changes.category;
    if (changes.subCategory !== undefined) complaint.subCategory = changes.subCategory;
    if (changes.narrative !== undefined) complaint.narrative = changes.narrative.normalize('NFC');
    if (changes.incidentDate !== undefined) complaint.incidentDate = changes.incidentDate;
    if (changes.complainant !== undefined) {
      complaint.complainantName = changes.complainant.name.normalize('NFC');
      complaint.complainantPhone = changes.complainant.phone ?? null;
      complaint.complainantEmail = changes.complainant.email ?? null;
      complaint.complainantLineId = changes.complainant.lineId ?? null;
      complaint.complainantNationalIdSealed = this.sealNationalId(changes.complainant.nationalId);
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

  async list(query: ListComplaintsQuery): Promise<ComplaintPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const builder = this.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
    if (query.status) builder.andWhere('complaint.status = :status', { status: query.status });
    if (query.category) builder.andWhere('complaint.category = :category', { category: query.category });
    if (query.channel) builder.andWhere('complaint.channel = :channel', { channel: query.channel });
    if (query.from) builder.andWhere('complaint.received_at >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('complaint.received_at < :to', { to: new Date(query.to) });
    if (query.partner) builder.andWhere(REFERRED_TO_PARTNER, { partner: query.partner });
    if (query.q) {
      const needle = normaliseForSearch(query.q);
      if (needle) {
        builder.andWhere(SEARCH_TEXT_CONTAINS, { needle: `%${escapeLike(needle)}%` });
      }
    }
    if (query.cursor) builder.andWhere('complaint.seq < :seq', { seq: sequenceAfter('c', query.cursor) });
    const rows = await builder.orderBy('complaint.seq', 'DESC').limit(limit + 1).getMany();
    const page = pageOf(rows, limit, (last) => encodeCursor('c', last.seq));
    return { complaints: page.rows, nextCursor: page.nextCursor };
  }

  /** The national id as staff see it: all but the last 4 digits hidden. */
  maskedNationalId(complaint: Complaint): string | null {
    if (!complaint.complainantNationalIdSealed) return null;
    const digits = this.pii.open(NATIONAL_ID_FIELD, complaint.complainantNationalIdSealed);
    return `x-xxxx-xxxxx-${digits.slice(10, 12)}-${digits.slice(12)}`;
  }

  private sealNationalId(value: string | undefined): string | null {
    if (value === undefined) return null;
    const digits = normaliseThaiId(value);
    if (!digits) {
      throw new ComplaintError('COMPLAINT_INVALID', 'The national id is not 13 digits with a valid check digit.', {}, [
        { path: 'complainant.nationalId', message: 'complainant.nationalId must be 13 digits with a valid mod-11 check digit' },
      ]);
    }
    return this.pii.seal(NATIONAL_ID_FIELD, digits);
  }
}

/** The complaint as the matching index sees it: the 1212 centre holds it under its reference code. */
function matchableCase(complaint: Complaint): MatchableCase {
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

function searchTextOf(complaint: Complaint): string {
  return normaliseForSearch([complaint.narrative, complaint.transaction?.product, complaint.transaction?.seller].filter(Boolean).join(' \n '));
}
