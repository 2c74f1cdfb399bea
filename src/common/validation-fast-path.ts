import { getMetadataStorage, ValidationTypes, type ValidationArguments, type ValidatorConstraintInterface, type ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Rule = ReturnType<Storage['getTargetValidationMetadatas']>[number];
/** A class whose rules class-validator holds (its constructor). */
type Target = Rule['constraintCls'];

/** A property's rules, sorted once by kind as class-validator sorts them on every call. */
interface PropertyPlan {
  readonly property: string;
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => unknown>;
  /**
   * IsDefined first, then the other constraints: class-validator's order. The validators are taken from
   * class-validator's container once: it makes one per constraint class and keeps it, and finds it again on every
   * call by a linear search of all of them.
   */
  readonly checks: ReadonlyArray<{ readonly rule: Rule; readonly validators: readonly ValidatorConstraintInterface[] }>;
  /** The parent class's name: class-validator's schema argument when it validates a nested object. */
  readonly nestedSchemas: readonly string[];
}

interface ClassPlan {
  readonly known: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

/**
 * The answer "class-validator would find nothing wrong", given without class-validator's cost, for the common case
 * of a valid request. Validation was 12% of the hub's CPU on complaint intake (issue 23): class-validator sorts a
 * class's rules, builds an error object per property and waits on a promise per call, for every request, even when
 * every rule passes. Here the rules of each class are sorted once, and each constraint is called as class-validator
 * calls it (the same constraint objects, arguments and conditions), with nothing built on the way.
 *
 * It only ever says `true` when class-validator would report no error; any failure, and anything it does not handle
 * (a promise, a Set or Map, a rule kind it does not know), answers `false`, and the caller then runs class-validator,
 * which alone decides and writes the messages. test/unit/common/validation-fast-path.test.ts holds it to
 * class-validator on generated requests.
 *
 * Valid only for the options the hub validates with (`fastPathApplies`). Relies on what the metadata cache relies
 * on: every rule is registered when its class's module loads, before anything is validated.
 */
export class ValidationFastPath {
  private readonly storage = getMetadataStorage();
  private readonly plans = new Map<Target, Map<string | undefined, ClassPlan | null>>();

  /** True only if class-validator, with the hub's options, would find no error in `object`. */
  passes(object: object): boolean {
    return object instanceof Object && this.passesAs(object, undefined);
  }

  private passesAs(object: object, schema: string | undefined): boolean {
    const plan = this.planOf(object.constructor, schema);
    if (!plan) return false;
    for (const key of Object.keys(object)) if (!plan.known.has(key)) return false;
    // A plan exists only for a class, so the object has a constructor.
    const targetName = object.constructor.name;
    for (const property of plan.properties) {
      const value = (object as Record<string, unknown>)[property.property];
      if (value instanceof Promise) return false;
      let applies = true;
      // Every condition is called, as class-validator calls them all before combining.
      for (const condition of property.conditions) if (!condition(object, value)) applies = false;
      if (!applies) continue;
      for (const { rule, validators } of property.checks) {
        if (rule.validateIf && !rule.validateIf(object, value)) continue;
        const args: ValidationArguments = {
          targetName,
          property: rule.propertyName,
          object,
          value,
          constraints: rule.constraints,
        };
        for (const validator of validators) {
          if (rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
            if (!Array.isArray(value)) return false;
            for (const element of value) if (!settledTrue(validator.validate(element, args))) return false;
          } else if (!settledTrue(validator.validate(value, args))) return false;
        }
      }
      if (value === undefined) continue;
      for (const schemaName of property.nestedSchemas) if (!this.nestedPasses(value, schemaName)) return false;
    }
    return true;
  }

  private nestedPasses(value: unknown, schema: string): boolean {
    if (value instanceof Set || value instanceof Map) return false;
    if (Array.isArray(value)) {
      for (const element of value) if (element !== undefined && !this.nestedPasses(element, schema)) return false;
      return true;
    }
    return value instanceof Object && this.passesAs(value, schema);
  }

  private planOf(target: Target | undefined, schema: string | undefined): ClassPlan | null {
    if (typeof target !== 'function') return null;
    let bySchema = this.plans.get(target);
    if (!bySchema) this.plans.set(target, (bySchema = new Map()));
    let plan = bySchema.get(schema);
    if (plan === undefined) bySchema.set(schema, (plan = this.compile(target, schema)));
    return plan;
  }

  /** null when the class has no rules (class-validator refuses it as an unknown value) or a rule this does not handle. */
  private compile(target: Target, schema: string | undefined): ClassPlan | null {
    const rules = this.storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined as unknown as string[]);
    if (rules.length === 0) return null;
    const byProperty = new Map<string, Rule[]>();
    for (const rule of rules) {
      const own = byProperty.get(rule.propertyName);
      if (own) own.push(rule);
      else byProperty.set(rule.propertyName, [rule]);
    }
    const properties: PropertyPlan[] = [];
    for (const [property, own] of byProperty) {
      if (own.some((rule) => !HANDLED.has(rule.type))) return null;
      const nestedSchemas = own.filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION).map((rule) => (typeof rule.target === 'string' ? rule.target : rule.target.name));
      // class-validator validates the elements of a list once per pair of nested rules; one rule keeps that simple.
      if (nestedSchemas.length > 1) return null;
      const checked = (type: string) =>
        own.filter((rule) => rule.type === type).map((rule) => ({ rule, validators: this.storage.getTargetValidatorConstraints(rule.constraintCls).map((constraint) => constraint.instance) }));
      properties.push({
        property,
        conditions: own.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION).map((rule) => rule.constraints[0] as (object: object, value: unknown) => unknown),
        checks: [...checked(ValidationTypes.IS_DEFINED), ...checked(ValidationTypes.CUSTOM_VALIDATION)],
        nestedSchemas,
      });
    }
    return { known: new Set(byProperty.keys()), properties };
  }
}

const HANDLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
  ValidationTypes.IS_DEFINED,
]);

/** A constraint's answer counts only when it is a plain truthy value: a promise goes to class-validator. */
function settledTrue(result: unknown): boolean {
  return !!result && !(result instanceof Promise);
}

/**
 * The options the fast path reproduces: unknown members refused, unknown values refused, every rule applied (no
 * groups, nothing skipped). Other options, and `validationError` or `stopAtFirstError`, change only the errors.
 */
export function fastPathApplies(options: ValidatorOptions): boolean {
  return (
    options.whitelist === true &&
    options.forbidNonWhitelisted === true &&
    options.forbidUnknownValues !== false &&
    !options.groups?.length &&
    !options.always &&
    !options.strictGroups &&
    !options.skipMissingProperties &&
    !options.skipNullProperties &&
    !options.skipUndefinedProperties
  );
}
