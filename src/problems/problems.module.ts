import { Module } from '@nestjs/common';
import { PROBLEM_CATALOG_ENTRIES } from './problem-catalog.js';
import { PROBLEM_CATALOG, ProblemsController } from './problems.controller.js';

/** `/problems`: every module's error codes, so that each problem's `type` URI dereferences. */
@Module({
  controllers: [ProblemsController],
  providers: [{ provide: PROBLEM_CATALOG, useValue: PROBLEM_CATALOG_ENTRIES }],
})
export class ProblemsModule {}
