import { Global, Module, type DynamicModule } from '@nestjs/common';
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
            await store.ensureBucket();
            return store;
          },
        },
      ],
      exports: [ObjectStore],
    };
  }
}
