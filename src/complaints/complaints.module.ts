import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchingModule } from '../matching/matching.module.js';
import { SealingModule } from '../sealing/sealing.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { ComplaintSearch } from './complaint-search.entity.js';
import { Complaint } from './complaint.entity.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Complaint, ComplaintSearch]), SigningModule, SealingModule, MatchingModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService],
  // Referrals tell matching when a complaint reaches new agencies.
  exports: [ComplaintsService, MatchingModule],
})
export class ComplaintsModule {}
