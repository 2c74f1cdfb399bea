import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { HubKeysController } from './hub-keys.controller.js';
import { HubKeysService } from './hub-keys.service.js';

/** The routes of the hub's own keys: the JWKS partners verify with, the list, and rotation. */
@Module({
  imports: [SigningModule],
  controllers: [HubKeysController],
  providers: [HubKeysService],
})
export class HubKeysModule {}
