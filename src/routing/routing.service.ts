import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { PartnersService } from '../partners/partners.service.js';
import type { CreateRoutingRuleDto } from './dto/routing.dto.js';
import type { RoutingSuggestionView } from './dto/routing.view.js';
import { toRoutingRuleView } from './dto/routing.view.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingError } from './routing.errors.js';
import { suggestAgencies } from './suggest-agencies.js';

@Injectable()
export class RoutingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly partners: PartnersService,
  ) {}

  list(): Promise<RoutingRule[]> {
    return this.dataSource.getRepository(RoutingRule).find({ order: { category: 'ASC', priority: 'ASC', id: 'ASC' } });
  }

  async create(request: CreateRoutingRuleDto): Promise<RoutingRule> {
    const partner = await this.partners.get(request.partnerId).catch(() => undefined);
    if (!partner) throw new RoutingError('ROUTING_RULE_INVALID', `There is no partner "${request.partnerId}".`, {}, [{ path: 'partnerId', message: 'partnerId must name a registered partner' }]);
    const rule = this.dataSource.getRepository(RoutingRule).create({ ...request, subCategory: request.subCategory ?? null, note: request.note ?? null });
    try {
      await this.dataSource.getRepository(RoutingRule).insert(rule);
    } catch (error) {
      if (isUniqueViolation(error, 'routing_rule_once')) {
        throw new RoutingError('ROUTING_RULE_EXISTS', `A rule already routes ${request.category}${request.subCategory ? `/${request.subCategory}` : ''} to ${request.partnerId}.`);
      }
      throw error;
    }
    return rule;
  }

  async remove(id: number): Promise<void> {
    // Rule ids are PostgreSQL integers: a larger number names no rule.
    if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new RoutingError('ROUTING_RULE_NOT_FOUND', `There is no routing rule ${id}.`);
    const result = await this.dataSource.getRepository(RoutingRule).delete({ id });
    if (!result.affected) throw new RoutingError('ROUTING_RULE_NOT_FOUND', `There is no routing rule ${id}.`);
  }

  /** Active agencies the rules suggest for the complaint, each with the rule that matched. */
  async suggest(complaintId: string): Promise<RoutingSuggestionView[]> {
    const complaint = await this.complaints.get(complaintId);
    const partners = new Map((await this.partners.list()).filter((partner) => partner.active).map((partner) => [partner.id, partner]));
    const rules = (await this.list()).filter((rule) => partners.has(rule.partnerId));
    return suggestAgencies(rules, complaint.category, complaint.subCategory).map(({ partnerId, rule }) => ({
      partnerId,
      nameTh: partners.get(partnerId)!.nameTh,
      nameEn: partners.get(partnerId)!.nameEn,
      rule: toRoutingRuleView(rule),
    }));
  }
}
