import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { PartnersService } from '../partners/partners.service.js';
import type { CreateRoutingRuleDto } from './dto/routing.dto.js';
import type { RoutingFeedbackView, RoutingRuleFeedbackView, RoutingSuggestionView } from './dto/routing.view.js';
import { toRoutingRuleView } from './dto/routing.view.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { RoutingRule } from './routing-rule.entity.js';
import { REFERRAL_FEEDBACK } from '../referrals/referrals.sql.js';
import type { Category, SubCategory } from '../standard/codes.js';
import { RoutingError } from './routing.errors.js';
import { ruleSending, suggestAgencies } from './suggest-agencies.js';

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

  /**
   * How the agencies answered the referrals each rule sent them in [from, to): by status and by the reason codes of
   * their feedback, so that staff see which rules send cases to the wrong agency. A referral counts under the rule
   * that now sends its kind of complaint to its agency (or under none: dispatched by hand).
   */
  async feedback(from: Date, to: Date): Promise<RoutingFeedbackView> {
    const rules = await this.list();
    const rows = (await this.dataSource.query(REFERRAL_FEEDBACK, [from, to])) as Array<{ category: Category; subCategory: SubCategory; partnerId: string; status: string; reasonCode: string | null; referrals: number }>;
    const byRule = new Map<string, RoutingRuleFeedbackView>();
    for (const row of rows) {
      const rule = ruleSending(rules, row.category, row.subCategory, row.partnerId);
      const key = rule ? `rule:${rule.id}` : `none:${row.partnerId}`;
      const entry = byRule.get(key) ?? { rule: rule ? toRoutingRuleView(rule) : null, partnerId: row.partnerId, referrals: 0, byStatus: {}, byReason: {}, turnedAwayShare: null };
      entry.referrals += row.referrals;
      entry.byStatus[row.status] = (entry.byStatus[row.status] ?? 0) + row.referrals;
      if (row.reasonCode) entry.byReason[row.reasonCode] = (entry.byReason[row.reasonCode] ?? 0) + row.referrals;
      byRule.set(key, entry);
    }
    const views = [...byRule.values()].map((entry) => ({
      ...entry,
      turnedAwayShare: entry.referrals > 0 ? Math.round((((entry.byStatus.rejected ?? 0) + (entry.byStatus.transferred ?? 0)) / entry.referrals) * 10_000) / 10_000 : null,
    }));
    views.sort((a, b) => (b.turnedAwayShare ?? 0) - (a.turnedAwayShare ?? 0) || b.referrals - a.referrals);
    return { from: from.toISOString(), to: to.toISOString(), rules: views };
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
