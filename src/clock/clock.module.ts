import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { ClockController } from './clock.controller.js';

/** One clock per process, for every module with deadlines. */
@Global()
@Module({
  controllers: [ClockController],
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
