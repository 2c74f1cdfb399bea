import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { MinioObjectStore, type S3Connection } from './minio-object-store.js';
import { ObjectStore } from './object-store.js';

@Global()
@Module({})
export class StorageModule {
  static forRoot(connection: S3Connection): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: ObjectStore,
          useFactory: async () => {
            const store = new MinioObjectStore(connection);
            // A hub starts while its store is down: it reports not ready (/health/ready), and the bucket is made
            // when the store is back (ping).
            await store.ensureBucket().catch((error: unknown) => new Logger('ObjectStore').warn(`object store not reachable at start: ${error instanceof Error ? error.message : String(error)}`));
            return store;
          },
        },
      ],
      exports: [ObjectStore],
    };
  }
}
