import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ContentTypeGuard } from './common/content-type.guard.js';
import { ProblemFilter } from './common/problem.filter.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Settings } from './config/settings.js';
import { DeliveryModule } from './delivery/delivery.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { HealthModule } from './health/health.module.js';
import { HubKeysModule } from './hub-keys/hub-keys.module.js';
import { InboundModule } from './inbound/inbound.module.js';
import { ProblemsModule } from './problems/problems.module.js';
import { loggerOptions } from './logging.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { CorrectionsModule } from './corrections/corrections.module.js';
import { StreamsModule } from './streams/streams.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { SigningModule } from './signing/signing.module.js';
import { StandardModule } from './standard/standard.module.js';
import type { S3Connection } from './storage/minio-object-store.js';
import { StorageModule } from './storage/storage.module.js';
import { ClockModule } from './clock/clock.module.js';
import { ConsoleModule } from './console/console.module.js';
import { LegalBasesModule } from './legal-bases/legal-bases.module.js';
import { TakedownsModule } from './takedowns/takedowns.module.js';
import { ReportsModule } from './reports/reports.module.js';

export interface HubConnections {
  databaseUrl: string;
  /** The schema owner's URL, for migrations; absent: databaseUrl runs them. */
  migrationUrl?: string;
  s3: S3Connection;
}

@Module({})
export class AppModule {
  static forRoot(settings: Settings, connections: HubConnections, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(settings),
        LoggerModule.forRoot(loggerOptions(logger)),
        DatabaseModule.forRoot({ url: connections.databaseUrl, ...(connections.migrationUrl ? { migrationUrl: connections.migrationUrl } : {}), poolSize: settings.DATABASE_POOL_SIZE }),
        StorageModule.forRoot(connections.s3),
        ClockModule,
        ConsoleModule,
        AuditModule,
        AuthModule.forRoot(),
        HealthModule,
        PartnersModule,
        SigningModule,
        StandardModule,
        HubKeysModule,
        InboundModule,
        ProblemsModule,
        ComplaintsModule,
        EvidenceModule,
        RoutingModule,
        DeliveryModule,
        ReferralsModule,
        CorrectionsModule,
        StreamsModule,
        MatchingModule,
        LegalBasesModule,
        TakedownsModule,
        ReportsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: ContentTypeGuard },
      ],
    };
  }
}
