import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { TakedownAction } from '../standard/codes.js';
import type { CreateLegalBasisVersionDto } from './dto/legal-basis.dto.js';
import { parseDuration } from './iso-duration.js';
import { LegalBasis } from './legal-basis.entity.js';
import { LegalBasisError } from './legal-bases.errors.js';

/** The legal bases, every version: the reference data takedowns are issued under. */
@Injectable()
export class LegalBasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every version of every basis, by code then version. */
  list(code?: string): Promise<LegalBasis[]> {
    return this.dataSource.getRepository(LegalBasis).find({ where: code ? { code } : {}, order: { code: 'ASC', version: 'ASC' } });
  }

  /** The version of `code` in force on `day` (YYYY-MM-DD): the newest whose period holds it. */
  async inForce(code: string, day: string): Promise<LegalBasis> {
    const versions = await this.list(code);
    if (versions.length === 0) throw new LegalBasisError('LEGAL_BASIS_NOT_FOUND', `There is no legal basis ${code}.`);
    const current = versions.filter((basis) => basis.effectiveFrom <= day && (basis.effectiveTo === null || day < basis.effectiveTo)).at(-1);
    if (!current) throw new LegalBasisError('LEGAL_BASIS_INVALID', `No version of ${code} is in force on ${day}.`, {}, [{ path: 'legalBasis.code', message: `${code} is not in force on ${day}` }]);
    return current;
  }

  /** The deadline of `action` under `basis`, from `now`. */
  deadlineOf(basis: LegalBasis, action: TakedownAction, now: Date): Date {
    const duration = basis.defaultDeadlines[action];
    return new Date(now.getTime() + (duration ? parseDuration(duration)! : 0));
  }

  /** A new version of a basis (version 1 of a new code); audited in the same transaction. */
  async addVersion(request: CreateLegalBasisVersionDto, admin: Principal): Promise<LegalBasis> {
    const problems = [
      ...Object.keys(request.defaultDeadlines).filter((action) => !request.allowedActions.includes(action as TakedownAction)).map((action) => ({ path: `defaultDeadlines.${action}`, message: `${action} is not an allowed action of this basis` })),
      ...request.allowedActions.filter((action) => typeof request.defaultDeadlines[action] !== 'string' || parseDuration(request.defaultDeadlines[action]!) === undefined)
        .map((action) => ({ path: `defaultDeadlines.${action}`, message: `defaultDeadlines.${action} must be an ISO 8601 duration such as PT24H or P3D` })),
      ...(request.allowedActions.includes('disclose_identity') && !['court', 'orderNumber', 'orderDate'].every((field) => request.requiredFields.includes(field))
        ? [{ path: 'allowedActions', message: 'disclose_identity is allowed only under a court order: require court, orderNumber and orderDate' }] : []),
      ...(request.effectiveTo !== undefined && request.effectiveTo <= request.effectiveFrom ? [{ path: 'effectiveTo', message: 'effectiveTo must be after effectiveFrom' }] : []),
    ];
    if (problems.length > 0) throw new LegalBasisError('LEGAL_BASIS_INVALID', problems.map((problem) => problem.message).join('; '), {}, problems);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const repository = manager.getRepository(LegalBasis);
          const latest = await repository.findOne({ where: { code: request.code }, order: { version: 'DESC' } });
          const basis = repository.create({ ...request, effectiveTo: request.effectiveTo ?? null, version: (latest?.version ?? 0) + 1, createdBy: admin.subject });
          await repository.insert(basis);
          await this.audit.record(admin, { action: 'legal_basis.versioned', subjectType: 'legal_basis', subjectId: null, details: { code: basis.code, version: basis.version } }, manager);
          return repository.findOneByOrFail({ code: basis.code, version: basis.version });
        });
      } catch (error) {
        // Two admins adding a version at once: the second takes the next number.
        if (attempt < 3 && isUniqueViolation(error, 'legal_basis_pkey')) continue;
        throw error;
      }
    }
  }
}
