import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from './api-problem.decorator.js';

/**
 * The OpenAPI of a route that serves a signed document two ways (see signedRepresentation):
 * JSON (`view`) by default, or with `Accept: application/jose` the compact JWS itself,
 * described by the component `jwsComponent` (OcxReferralJws …); other Accept values are 406.
 */
export function ApiSignedDocument(view: Type, jwsComponent: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(view),
    ApiHeader({ name: 'Accept', required: false, description: '`application/jose` for the signed document alone (a compact JWS string); `application/json` (the default) for JSON with the document decoded' }),
    ApiResponse({
      status: 200,
      description: 'JSON, or with Accept: application/jose the JWS exactly as the hub signed it',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(view) } },
        'application/jose': { schema: { $ref: `#/components/schemas/${jwsComponent}` } },
      },
    }),
    ApiProblems(406),
  );
}
