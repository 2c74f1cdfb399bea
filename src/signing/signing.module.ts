import { Module } from '@nestjs/common';
import { PiiCipher } from '../common/pii-cipher.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Settings } from '../config/settings.js';
import { HubKeyStore, MASTER_KEY } from './hub-key-store.service.js';
import { HubSigningKey } from './hub-signing-key.entity.js';
import { loadMasterKey } from './master-key.js';
import { SigningService } from './signing.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([HubSigningKey])],
  providers: [
    { provide: MASTER_KEY, inject: [Settings], useFactory: loadMasterKey },
    // Personal-data fields are sealed under a key derived from the same master key.
    { provide: PiiCipher, inject: [MASTER_KEY], useFactory: (masterKey: Buffer) => new PiiCipher(masterKey) },
    HubKeyStore,
    SigningService,
  ],
  exports: [SigningService, HubKeyStore, PiiCipher, MASTER_KEY],
})
export class SigningModule {}
