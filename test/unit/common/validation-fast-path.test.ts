import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, Min, registerDecorator, validate, ValidateIf, ValidateNested, type ValidatorOptions } from 'class-validator';
import fc from 'fast-check';
import { fastPathApplies, ValidationFastPath } from '../../../src/common/validation-fast-path.js';
import { cacheValidationMetadata } from '../../../src/common/validation-metadata-cache.js';
import { Optional } from '../../../src/common/optional.decorator.js';
import { CreateComplaintDto, ListComplaintsQuery, UpdateComplaintDto } from '../../../src/complaints/dto/complaint.dto.js';
import { CreatePartnerDto, UpdatePartnerDto } from '../../../src/partners/dto/partner.dto.js';
import { aComplaint } from '../../support/complaint-builder.js';
import { aPartner } from '../../support/partner-builder.js';

/** The options of the hub's pipe (src/common/validation.ts). */
const HUB_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

cacheValidationMetadata();
const fastPath = new ValidationFastPath();

/** What the pipe does with a request body: class-transformer, then the fast path and class-validator side by side. */
async function bothVerdicts(cls: new () => object, body: unknown): Promise<{ fast: boolean; classValidator: boolean }> {
  const instance = plainToInstance(cls, structuredClone(body)) as object;
  const fast = fastPath.passes(instance);
  // The pipe never hands class-validator a value that is not an object (it stands one in).
  if (!(instance instanceof Object)) return { fast, classValidator: false };
  const errors = await validate(instance, HUB_OPTIONS);
  return { fast, classValidator: errors.length === 0 };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a member or element of a JSON value. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((element, index) => [[...prefix, index], ...pathsOf(element, [...prefix, index])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, member]) => [[...prefix, key], ...pathsOf(member, [...prefix, key])]);
  return [];
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; by: Json } | { kind: 'add'; key: string; by: Json };

function mutated(body: Json, pick: number, mutation: Mutation): Json {
  const copy = structuredClone(body);
  const paths = pathsOf(copy);
  if (paths.length === 0) return copy;
  const path = paths[pick % paths.length]!;
  let parent: any = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1]!;
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mutation.kind === 'replace') parent[last] = mutation.by;
  else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last][mutation.key] = mutation.by;
  else parent[mutation.key] = mutation.by;
  return copy;
}

const edgeValues = fc.constantFrom<Json>(null, '', ' ', 0, -1, 1.5, 1e15, true, [], {}, '2026-02-30', '2026-11-10', 'shopping', 'not_received', '004', 'bank_account', 'x'.repeat(501), '1-1017-00230-70-8');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.record({ kind: fc.constant('replace' as const), by: fc.oneof(edgeValues, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('colour', 'constructor', 'toString', '__proto__', 'amountSatang', 'bank'), by: edgeValues }),
);

const requests: Array<{ name: string; cls: new () => object; body: () => Json }> = [
  { name: 'a complaint', cls: CreateComplaintDto, body: () => aComplaint({ complainant: { name: 'สมหญิง', email: 'somying@example.com', nationalId: '1-1017-00230-70-8' }, subjects: [...aComplaint().subjects, { type: 'bank_account', bank: 'กสิกรไทย', value: '123-4-56789-0', note: 'ร้าน' }] }) as Json },
  { name: 'a complaint edit', cls: UpdateComplaintDto, body: () => ({ narrative: 'แก้ไข', transaction: { quantity: 2 } }) },
  { name: 'a partner', cls: CreatePartnerDto, body: () => aPartner() as Json },
  { name: 'a partner edit', cls: UpdatePartnerDto, body: () => ({ nameEn: 'Renamed', serviceLevel: { acknowledgeWithinHours: 12, resolveWithinDays: 10 } }) },
  { name: 'a list query', cls: ListComplaintsQuery, body: () => ({ status: 'new', category: 'shopping', limit: '20', q: 'หม้อ' }) },
];

describe('the validation fast path', () => {
  it('applies to the options the hub validates with, and to no other', () => {
    expect(fastPathApplies(HUB_OPTIONS)).toBe(true);
    expect(fastPathApplies({ ...HUB_OPTIONS, forbidNonWhitelisted: false })).toBe(false);
    expect(fastPathApplies({ ...HUB_OPTIONS, groups: ['admin'] })).toBe(false);
    expect(fastPathApplies({ ...HUB_OPTIONS, skipMissingProperties: true })).toBe(false);
    expect(fastPathApplies({ ...HUB_OPTIONS, forbidUnknownValues: false })).toBe(false);
  });

  for (const request of requests) {
    it(`vouches for ${request.name} that class-validator accepts`, async () => {
      expect(await bothVerdicts(request.cls, request.body())).toEqual({ fast: true, classValidator: true });
    });

    it(`agrees with class-validator on generated variations of ${request.name}`, async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(), mutation, async (pick, change) => {
          const verdicts = await bothVerdicts(request.cls, mutated(request.body(), pick, change));
          // Never a yes that class-validator would not give; and, on JSON, no needless no.
          expect(verdicts.fast).toBe(verdicts.classValidator);
          if (verdicts.fast) accepted += 1;
        }),
        { numRuns: 300 },
      );
      // The variations include valid ones (a deleted optional member, a replaced value of the right kind).
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it('agrees with class-validator on arbitrary JSON sent as a complaint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const verdicts = await bothVerdicts(CreateComplaintDto, body);
        expect(verdicts.fast ? verdicts.classValidator : true).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  describe('leaves to class-validator what it does not settle itself', () => {
    const Eventually = (): PropertyDecorator => (target, propertyName) =>
      registerDecorator({ name: 'eventually', target: target.constructor, propertyName: propertyName as string, async: true, validator: { validate: async () => true } });

    class Later {
      @IsDefined() @Eventually() code!: string;
    }

    class Tagged {
      @IsIn(['a', 'b'], { each: true }) tags!: unknown;
    }

    class Line {
      @IsInt() @Min(1) quantity!: number;
    }

    class Order {
      @IsString() @IsDefined() reference!: string;
      @Optional() @ValidateNested({ each: true }) @Type(() => Line) lines?: Line[];
      @ValidateIf((order: Order) => order.reference === 'gift') @IsString() note?: string;
    }

    it('a constraint that answers with a promise', async () => {
      const later = Object.assign(new Later(), { code: 'x' });
      expect(fastPath.passes(later)).toBe(false);
      expect(await validate(later, HUB_OPTIONS)).toEqual([]);
    });

    it('a Set or a Map where a list was expected', async () => {
      expect(fastPath.passes(Object.assign(new Tagged(), { tags: ['a', 'b'] }))).toBe(true);
      expect(fastPath.passes(Object.assign(new Tagged(), { tags: new Set(['a']) }))).toBe(false);
      expect(await validate(Object.assign(new Tagged(), { tags: new Set(['a']) }), HUB_OPTIONS)).toEqual([]);
    });

    it('a value of no known class', async () => {
      expect(fastPath.passes({ reference: 'x' })).toBe(false);
      expect(fastPath.passes(Object.create(null) as object)).toBe(false);
    });

    it('conditions, nested lists and their elements, as class-validator applies them', async () => {
      const cases: unknown[] = [
        { reference: 'r' },
        { reference: 'r', note: 5 },
        { reference: 'gift', note: 5 },
        { reference: 'gift', note: 'for you' },
        { reference: 'r', lines: [{ quantity: 1 }, { quantity: 2 }] },
        { reference: 'r', lines: [{ quantity: 0 }] },
        { reference: 'r', lines: [1] },
        { reference: 'r', lines: [[{ quantity: 1 }]] },
        { reference: 'r', lines: { quantity: 1 } },
        { reference: 'r', lines: null },
        { reference: 'r', lines: [{ quantity: 1, price: 2 }] },
        { reference: 'r', colour: 'red' },
      ];
      for (const body of cases) {
        const verdicts = await bothVerdicts(Order, body);
        expect({ body, fast: verdicts.fast }).toEqual({ body, fast: verdicts.classValidator });
      }
    });
  });
});
