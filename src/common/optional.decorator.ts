import { ValidateIf } from 'class-validator';

/**
 * An optional member of a request: absent is fine, JSON `null` is not. class-validator's
 * IsOptional lets `null` through unchecked, and a service that expects a value or nothing
 * then fails on it (a 500); here `null` is validated, and fails the member's own type.
 * Use IsOptional only where `null` means something (clearing a partner's endpoint).
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
