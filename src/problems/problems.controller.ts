import { ApiProblems } from '../common/api-problem.decorator.js';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { CommonError } from '../common/common.errors.js';
import { codeFromProblemSlug, problemTypeUri, type ProblemKind } from '../common/problem.js';

export const PROBLEM_CATALOG = Symbol('ProblemCatalog');
export type ProblemCatalog = Readonly<Record<string, ProblemKind>>;

/** Dereferences the `type` URI of every problem the hub can answer with. */
@ApiTags('standard')
@Public()
@Controller('problems')
export class ProblemsController {
  constructor(@Inject(PROBLEM_CATALOG) private readonly catalog: ProblemCatalog) {}

  @Get()
  @ApiProblems(400)
  @ApiOperation({ operationId: 'listProblemTypes', summary: 'Every problem type the hub can answer with' })
  @ApiOkResponse({ description: 'type URI, code, HTTP status and title of each problem type' })
  list(): Array<{ type: string; code: string; status: number; title: string }> {
    return Object.entries(this.catalog)
      .map(([code, kind]) => ({ type: problemTypeUri(code), code, status: kind.status, title: kind.title }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  @Get(':slug')
  @ApiProblems(404)
  @ApiOperation({ operationId: 'getProblemType', summary: 'One problem type' })
  @ApiOkResponse({ description: 'type URI, code, HTTP status and title' })
  get(@Param('slug') slug: string): { type: string; code: string; status: number; title: string } {
    const code = codeFromProblemSlug(slug);
    const kind = this.catalog[code];
    if (!kind) throw new CommonError('NOT_FOUND', `There is no problem type "${slug}".`);
    return { type: problemTypeUri(code), code, status: kind.status, title: kind.title };
  }
}
