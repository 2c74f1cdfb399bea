import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsISO8601 } from 'class-validator';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { Clock } from '../common/clock.js';
import { CommonError } from '../common/common.errors.js';
import { Settings } from '../config/settings.js';

export class ClockDto {
  @ApiProperty({ format: 'date-time', description: 'The time this hub process should read now' })
  @IsISO8601({ strict: true }) @IsDefined({ message: '$property is required' }) now: string;
}

export class ClockView {
  @ApiProperty({ format: 'date-time' }) now: string;
  @ApiProperty({ description: 'How far this process is moved from the real time, in ms' }) offsetMs: number;
}

/** Moving this process's clock, for tests and rehearsals of deadlines; only with CLOCK_CONTROL (never in production). */
@ApiTags('dev')
@Controller('v1/dev/clock')
@Roles('admin')
export class ClockController {
  constructor(
    private readonly clock: Clock,
    private readonly settings: Settings,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getClock', summary: "This hub process's time (CLOCK_CONTROL only)" })
  @ApiOkResponse({ type: ClockView })
  @ApiProblems(404)
  get(): ClockView {
    this.requireControl();
    return { now: this.clock.now().toISOString(), offsetMs: this.clock.offset };
  }

  @Put()
  @ApiOperation({ operationId: 'setClock', summary: "Moves this hub process's time (CLOCK_CONTROL only; each process has its own)" })
  @ApiOkResponse({ type: ClockView })
  @ApiProblems(400, 404, 415, 422)
  set(@Body() request: ClockDto): ClockView {
    this.requireControl();
    this.clock.set(new Date(request.now));
    return this.get();
  }

  private requireControl(): void {
    if (!this.settings.CLOCK_CONTROL) throw new CommonError('NOT_FOUND', 'There is no such route.');
  }
}
