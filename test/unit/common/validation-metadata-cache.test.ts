import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from '../../../src/common/validation-metadata-cache.js';

class Amount {
  @IsInt()
  @Min(0)
  satang!: number;
}

class Refund extends Amount {
  @IsString()
  reason!: string;

  @Min(10, { groups: ['large'] })
  declare satang: number;
}

function messages(value: object, groups?: string[]): string[] {
  return validateSync(value, groups ? { groups } : {}).flatMap((error) => Object.values(error.constraints ?? {})).sort();
}

describe('remembered validation rules', () => {
  const cases: Array<[object, string[] | undefined]> = [
    [Object.assign(new Amount(), { satang: -1 }), undefined],
    [Object.assign(new Refund(), { satang: 5 }), undefined],
    [Object.assign(new Refund(), { satang: 5, reason: 'x' }), ['large']],
    [Object.assign(new Refund(), { satang: 5.5, reason: 1 }), undefined],
  ];

  it('validates as class-validator does without it: inherited rules and groups', () => {
    const before = cases.map(([value, groups]) => messages(value, groups));
    cacheValidationMetadata();
    cacheValidationMetadata();
    const after = cases.map(([value, groups]) => messages(value, groups));
    expect(after).toEqual(before);
    // and again, from the cache
    expect(cases.map(([value, groups]) => messages(value, groups))).toEqual(before);
    // The rules are really inherited and grouped (class-validator runs grouped rules too when no group is asked).
    expect(before[0]).toEqual(['satang must not be less than 0']);
    expect(before[1]).toEqual(['reason must be a string', 'satang must not be less than 10']);
    expect(before[2]).toEqual(['satang must not be less than 10']);
  });
});
