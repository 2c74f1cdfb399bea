import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { SUB_CATEGORIES, type Category } from '../codes.js';

/** The patterns of defs.schema.json, so DTOs and schemas say the same thing. */
export const PATTERNS = {
  ocxVersion: /^1\.(0|[1-9][0-9]*)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  dateTime: /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$/,
  date: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/,
  partnerId: /^[a-z][a-z0-9-]{1,39}$/,
  referenceCode: /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/,
  sha256: /^[0-9a-f]{64}$/,
  mediaType: /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/,
  targetId: /^[A-Za-z0-9._-]{1,64}$/,
  extensionKey: /^[a-z][a-z0-9-]{1,39}:[A-Za-z][A-Za-z0-9_]{0,63}$/,
  fieldPath: /^[a-zA-Z][a-zA-Z0-9.]{0,99}$/,
} as const;

/** The sub-category must belong to the category named by `categoryProperty` (defs.schema.json#/$defs/categorised). */
export function IsSubCategoryOf(categoryProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSubCategoryOf',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a sub-category of the ${categoryProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const category = (args.object as Record<string, unknown>)[categoryProperty] as Category;
          const allowed = SUB_CATEGORIES[category] as readonly string[] | undefined;
          return typeof value === 'string' && (allowed === undefined || allowed.includes(value));
        },
      },
    });
}

/** A real calendar date-time with an explicit offset (RFC 3339 §5.6). */
export function IsOcxDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOcxDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time with an offset', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && PATTERNS.dateTime.test(value) && isRealDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)) },
    });
}

/** A real calendar date (RFC 3339 full-date). */
export function IsOcxDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOcxDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 full-date', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && PATTERNS.date.test(value) && isRealDate(value) },
    });
}

/** Keys of `extensions` are namespaced `<partner id>:<name>`. */
export function HasNamespacedKeys(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasNamespacedKeys',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property keys must be <partner id>:<name>', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => PATTERNS.extensionKey.test(key)),
      },
    });
}

function isRealDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}
