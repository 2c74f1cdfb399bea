import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationListener } from '../database/notification-listener.js';
import { MASTER_KEY } from '../signing/hub-key-store.service.js';
import { SigningModule } from '../signing/signing.module.js';
import { DataKeyRing } from './data-key-ring.js';
import { transactOn } from './transact.js';
import { DATA_KEYS_CHANNEL } from './sealing.sql.js';

/** Keeps every hub process's key ring current: a key added anywhere is read here at once. */
class DataKeyWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly listener: NotificationListener;

  constructor(dataSource: DataSource, ring: DataKeyRing) {
    this.listener = new NotificationListener(
      { url: (dataSource.options as { url?: string }).url!, channel: DATA_KEYS_CHANNEL, name: 'data-keys' },
      () => void ring.reload().catch(() => undefined),
      // Notifications may have been missed while the connection was down: read the keys when it is back.
      () => void ring.reload().catch(() => undefined),
    );
  }

  onModuleInit(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}

/** Sealing personal data at rest: the data key ring, ready (keys read or the first one made) before any module uses it. */
@Module({
  imports: [SigningModule],
  providers: [
    {
      provide: DataKeyRing,
      inject: [getDataSourceToken(), MASTER_KEY],
      useFactory: async (dataSource: DataSource, masterKey: Buffer) => {
        const ring = new DataKeyRing((sql, params) => dataSource.query(sql, params), masterKey);
        await ring.start(transactOn(dataSource));
        return ring;
      },
    },
    { provide: DataKeyWatcher, inject: [getDataSourceToken(), DataKeyRing], useFactory: (dataSource: DataSource, ring: DataKeyRing) => new DataKeyWatcher(dataSource, ring) },
  ],
  exports: [DataKeyRing],
})
export class SealingModule {}
