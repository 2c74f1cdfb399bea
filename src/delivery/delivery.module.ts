import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SealingModule } from '../sealing/sealing.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { Outbox } from './outbox.service.js';
import { OutboxWorker } from './outbox.worker.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, DeliveryAttempt]), SealingModule],
  controllers: [DeliveriesController],
  providers: [Outbox, OutboxWorker],
  exports: [Outbox, OutboxWorker],
})
export class DeliveryModule {}
