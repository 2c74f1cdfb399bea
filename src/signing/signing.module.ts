import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../config/settings.js';
import { HubKeyStore, MASTER_KEY } from './hub-key-store.service.js';
import { HubSigningKey } from './hub-signing-key.entity.js';
import { loadMasterKey } from './master-key.js';
import { SigningController } from './signing.controller.js';
import { SigningService } from './signing.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([HubSigningKey])],
  controllers: [SigningController],
  providers: [{ provide: MASTER_KEY, inject: [Settings], useFactory: loadMasterKey }, HubKeyStore, SigningService],
  exports: [SigningService, HubKeyStore],
})
export class SigningModule {}
