import type { Category, SubCategory } from '../standard/codes.js';

export interface RuleLike {
  id: number;
  category: Category;
  subCategory: SubCategory | null;
  partnerId: string;
  priority: number;
}

export interface Suggestion<Rule extends RuleLike> {
  partnerId: string;
  rule: Rule;
}

/**
 * Which agencies to suggest for a complaint: the rules of its category, those
 * naming its sub-category before category-wide ones, then by priority; each
 * agency once, under the most specific rule that names it.
 */
export function suggestAgencies<Rule extends RuleLike>(rules: readonly Rule[], category: Category, subCategory: SubCategory): Suggestion<Rule>[] {
  const matching = rules
    .filter((rule) => rule.category === category && (rule.subCategory === null || rule.subCategory === subCategory))
    .sort((a, b) => Number(a.subCategory === null) - Number(b.subCategory === null) || a.priority - b.priority || a.id - b.id);
  const seen = new Set<string>();
  const suggestions: Suggestion<Rule>[] = [];
  for (const rule of matching) {
    if (seen.has(rule.partnerId)) continue;
    seen.add(rule.partnerId);
    suggestions.push({ partnerId: rule.partnerId, rule });
  }
  return suggestions;
}

/** The rule that sends a complaint of this kind to this agency (the one suggestAgencies names it under), if any. */
export function ruleSending<Rule extends RuleLike>(rules: readonly Rule[], category: Category, subCategory: SubCategory, partnerId: string): Rule | undefined {
  return suggestAgencies(rules.filter((rule) => rule.partnerId === partnerId), category, subCategory)[0]?.rule;
}
