import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { TakedownsModule } from '../takedowns/takedowns.module.js';
import { ReportArchive } from './report-archive.service.js';
import { ReportFiguresService } from './report-figures.service.js';
import { ReportScheduler } from './report-scheduler.worker.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The reports 1212 owes ETDA and the committee, and the dashboard's figures. */
@Module({
  imports: [AuditModule, PartnersModule, TakedownsModule],
  controllers: [ReportsController],
  providers: [ReportFiguresService, ReportArchive, ReportsService, ReportScheduler],
})
export class ReportsModule {}
