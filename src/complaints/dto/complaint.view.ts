import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, CHANNELS, type Category, type Channel, type SubCategory } from '../../standard/codes.js';
import type { ComplaintRecord, ComplaintStatus, ComplaintSubject, ComplaintTransaction } from '../complaint.entity.js';
import { normaliseIdentifier, INVALID_REASONS, type CanonicalIdentifier, type InvalidReason } from '../../matching/identifiers/index.js';
import { SubjectDto, TransactionDto } from './complaint.dto.js';
import { OfficialView, toOfficialView } from '../../matching/warning-list/dto/warning-entry.view.js';

export class ComplainantView {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lineId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Masked: only the last 4 digits are shown', example: 'x-xxxx-xxxxx-70-8' }) nationalId: string | null;
}

export class SubjectProblemView {
  @ApiProperty({ enum: INVALID_REASONS }) reason: InvalidReason;
  @ApiProperty({ example: '081-234-567 does not have the digits of a Thai number' }) message: string;
}

export class SubjectView extends SubjectDto {
  @ApiPropertyOptional({ type: SubjectProblemView, description: 'Present when the value identifies nobody (it is kept, but links no case): ask the complainant again' })
  problem?: SubjectProblemView;
  @ApiPropertyOptional({ type: OfficialView, description: "Present when the value is on the warning list: an official number or site (a bank's call centre, a government service), shown as official and not linked" })
  official?: OfficialView;
}

export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Give this to the complainant', example: 'K7QX-M4TZ-8' }) referenceCode: string;
  @ApiProperty({ enum: ['new', 'dispatched', 'withdrawn'], description: '`withdrawn` (1.1): 1212 withdrew it; every agency that received it got a Retraction' }) status: ComplaintStatus;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty() subCategory: SubCategory;
  @ApiProperty() narrative: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) incidentDate: string | null;
  @ApiProperty({ type: ComplainantView }) complainant: ComplainantView;
  @ApiPropertyOptional({ type: TransactionDto, nullable: true }) transaction: TransactionDto | null;
  @ApiProperty({ type: [SubjectView] }) subjects: SubjectView[];
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class ComplaintPageView {
  @ApiProperty({ type: [ComplaintView] }) complaints: ComplaintView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export function toComplaintView(complaint: ComplaintRecord, officialOf?: (identifier: CanonicalIdentifier) => { id: string; label: string; source: string } | undefined): ComplaintView {
  return {
    id: complaint.id,
    referenceCode: complaint.referenceCode,
    status: complaint.status,
    channel: complaint.channel,
    category: complaint.category,
    subCategory: complaint.subCategory,
    narrative: complaint.narrative,
    incidentDate: complaint.incidentDate,
    complainant: {
      name: complaint.complainant.name,
      phone: complaint.complainant.phone,
      email: complaint.complainant.email,
      lineId: complaint.complainant.lineId,
      nationalId: maskedNationalId(complaint.complainant.nationalId),
    },
    transaction: complaint.transaction ? toTransactionView(complaint.transaction) : null,
    subjects: complaint.subjects.map((subject: ComplaintSubject) => {
      const normalised = normaliseIdentifier(subject);
      if (!normalised.ok) return { ...subject, problem: { reason: normalised.reason, message: normalised.message } };
      const listed = officialOf?.(normalised.identifier);
      return listed ? { ...subject, official: toOfficialView(listed) } : { ...subject };
    }),
    receivedAt: complaint.receivedAt.toISOString(),
    createdBy: complaint.createdBy,
    createdAt: complaint.createdAt.toISOString(),
    updatedAt: complaint.updatedAt.toISOString(),
    version: complaint.version,
  };
}

/** The national id as staff see it: all but the last 3 digits hidden. */
function maskedNationalId(digits: string | null): string | null {
  return digits ? `x-xxxx-xxxxx-${digits.slice(10, 12)}-${digits.slice(12)}` : null;
}

function toTransactionView(transaction: ComplaintTransaction): TransactionDto {
  const { priceSatang, amountLostSatang, ...rest } = transaction;
  return {
    ...(rest as Omit<TransactionDto, 'price' | 'amountLost'>),
    ...(priceSatang !== undefined ? { price: { amountSatang: priceSatang } } : {}),
    ...(amountLostSatang !== undefined ? { amountLost: { amountSatang: amountLostSatang } } : {}),
  };
}
