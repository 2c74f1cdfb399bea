import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

class FieldErrorView {
  @ApiProperty({ example: 'serviceLevel.acknowledgeWithinHours' }) path: string;
  @ApiProperty({ example: 'serviceLevel.acknowledgeWithinHours must not be less than 1' }) message: string;
}

/** RFC 9457 problem details as the hub writes them; extension members vary by `code`. */
export class ProblemView {
  @ApiProperty({ description: 'Stable URI of the problem type, dereferenceable on the hub', example: '/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'The request is not valid' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({ example: '1 field(s) failed validation: nameTh is required' }) detail: string;
  @ApiProperty({ description: 'The request path', example: '/v1/partners' }) instance: string;
  @ApiProperty({ description: 'Stable error code', example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ description: 'Quote it when reporting a problem; also in the x-request-id header' }) correlationId: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'Field paths and messages, for validation failures' }) errors?: FieldErrorView[];
  @ApiPropertyOptional({ enum: ['database', 'objectStore'], description: 'SERVICE_UNAVAILABLE: the dependency that is down (with Retry-After)' }) unavailable?: string;
  @ApiPropertyOptional({ type: [String], description: 'TRANSITION_NOT_ALLOWED: the statuses the referral may move to from where it is' }) allowedNext?: string[];
  @ApiPropertyOptional({ description: 'TRANSITION_NOT_ALLOWED: where the referral is' }) currentStatus?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'REFERRAL_ALREADY_OPEN: the open referrals' }) referrals?: string[];
  @ApiPropertyOptional({ type: [String], description: 'SCHEMA_NOT_FOUND: the schemas there are' }) available?: string[];
  @ApiPropertyOptional({ type: [String], description: 'FORBIDDEN for want of a scope: the scopes the token lacks' }) missingScopes?: string[];
  @ApiPropertyOptional({ description: 'DOCUMENT_TOO_LARGE and rate limits: the limit that applies' }) limit?: number;
  @ApiPropertyOptional({ description: 'Signed-document problems: the key id the document named' }) kid?: string;
  @ApiPropertyOptional({ description: 'The token endpoint (RFC 6749 §5.2): the OAuth error code', example: 'invalid_client' }) error?: string;
  @ApiPropertyOptional({ description: 'The token endpoint: the OAuth error description (the same as detail)' }) error_description?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, expired or unverifiable bearer token',
  403: 'The token lacks the role this route needs',
  404: 'Not found (or not yours)',
  406: 'The Accept header allows none of the representations',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Unsupported body media type',
  422: 'Invalid fields; errors[] names each',
  429: 'Rate limited; see Retry-After',
  503: 'A dependency is down',
};

/** Documents the problem+json answers of a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Problem', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } } }),
    ),
  );
}
