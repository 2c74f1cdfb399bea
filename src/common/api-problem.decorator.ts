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
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, expired or unverifiable bearer token',
  403: 'The token lacks the role this route needs',
  404: 'Not found (or not yours)',
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
