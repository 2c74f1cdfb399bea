import { Injectable } from '@nestjs/common';
import { AuditService, HUB_ACTOR, type AuditActor } from '../audit/audit.service.js';
import { HubKeyStore, type HubKeyRecord } from '../signing/hub-key-store.service.js';

/** The hub's published keys as a use case: listing them, and a rotation that the audit log records with it. */
@Injectable()
export class HubKeysService {
  constructor(
    private readonly store: HubKeyStore,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<HubKeyRecord[]> {
    return this.store.list();
  }

  rotate(actor: AuditActor = HUB_ACTOR): Promise<HubKeyRecord> {
    return this.store.rotate((manager, created) => this.audit.record(actor, { action: 'signing_key.rotated', subjectType: 'hub_signing_key', subjectId: created.kid }, manager));
  }
}
