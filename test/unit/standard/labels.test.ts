import { describe, expect, it } from '@jest/globals';
import { CATEGORIES as CATEGORY_CODES, REFERRAL_STATUSES, SUB_CATEGORIES as SUB_CATEGORY_CODES } from '../../../src/standard/codes.js';
import { CATEGORIES, DATA_CLASS_LABELS, STATUSES, SUB_CATEGORIES } from '../../../src/standard/labels.js';
import { DATA_CLASSES } from '../../../src/standard/data-classes.js';

describe('the labels people read', () => {
  it("offer each category's sub-categories as the standard lists them (the console's intake form picks from them)", () => {
    for (const category of CATEGORY_CODES) expect([category, CATEGORIES[category]![2]]).toEqual([category, [...SUB_CATEGORY_CODES[category]]]);
  });

  it('name every category, sub-category, referral status and data class in Thai and English', () => {
    const unnamed = [
      ...CATEGORY_CODES.filter((code) => !CATEGORIES[code]?.[0] || !CATEGORIES[code]?.[1]),
      ...Object.values(SUB_CATEGORY_CODES).flat().filter((code) => !SUB_CATEGORIES[code]?.[0] || !SUB_CATEGORIES[code]?.[1]),
      ...REFERRAL_STATUSES.filter((code) => !STATUSES[code]),
      ...DATA_CLASSES.filter((code) => !DATA_CLASS_LABELS[code]),
    ];
    expect(unnamed).toEqual([]);
  });
});
