import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildReferralDocument, WITHHELD_NARRATIVE, type ReferralSnapshotInput } from '../../../src/referrals/build-referral-document.js';
import type { PartnerKind } from '../../../src/standard/codes.js';
import {
  chooseDataClasses, classesToSend, DATA_CLASSES, DEFAULT_DATA_CLASSES, publishedDataClasses, REFERRAL_FIELD_CLASSES, type DataClass,
} from '../../../src/standard/data-classes.js';
import { SchemaRegistry } from '../../../src/standard/schema-registry.js';

const registry = new SchemaRegistry();

/** A shopping fraud with something of every class: the complainant, the purchase, an account, a listing, a file. */
function aSnapshot(kind: PartnerKind, dataClasses: readonly DataClass[], complainantFields: string[] | null = null): ReferralSnapshotInput {
  return {
    documentId: '0b7f5e0e-3c1a-4d39-9d7c-1f1f6e0f7a11',
    issuedAt: new Date('2026-10-05T03:00:00Z'),
    referral: { id: '5a4c1b7e-8f0e-4a43-9d1e-6f7a2b3c4d5e', version: 1, partnerId: 'agency', requestedAction: 'investigate', note: null, dueAt: new Date('2026-11-04T03:00:00Z'), complainantFields },
    partnerKind: kind,
    dataClasses,
    complaint: {
      referenceCode: 'K7QM-4XPR-9',
      receivedAt: new Date('2026-10-04T02:00:00Z'),
      channel: 'web',
      category: 'shopping',
      subCategory: 'not_received',
      narrative: 'สั่งซื้อโทรศัพท์แล้วโอนเงิน ผู้ขายไม่ส่งของ',
      incidentDate: '2026-10-01',
      complainant: { name: 'สมชาย ใจดี', phone: '081-234-5678', email: 'somchai@example.com', lineId: 'somchai' },
      transaction: { orderDate: '2026-10-01', product: 'iPhone 15', quantity: 1, priceSatang: 2_500_000, seller: 'ร้านมือถือถูก', paymentMethod: 'bank_transfer', amountLostSatang: 2_500_000 },
      subjects: [
        { type: 'bank_account', value: '123-4-56789-0', bank: '004' },
        { type: 'url', value: 'https://shopee.co.th/product/123/456' },
        { type: 'phone', value: '089-999-0000' },
      ],
    },
    evidence: [{ id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', kind: 'payment_slip', sha256: 'a'.repeat(64), size: 1000, mediaType: 'image/png', filename: 'slip.png' }],
    retentionDays: 365,
  };
}

/** A validator of the standard as 1.0 published it: a 1.0 receiver must still accept every 1.1 Referral. */
function published10(): (document: unknown) => boolean {
  const dir = path.join(registry.dir, '..', '..', 'published', '1.0');
  const ajv = new Ajv2020({ strict: false, logger: false });
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  return ajv.getSchema('https://ocx.etda.or.th/schemas/v1/referral.schema.json')!;
}

describe('a Referral minimised by data class (§2.1)', () => {
  const accept10 = published10();

  it('the police (an agency) get everything', () => {
    const document = buildReferralDocument(aSnapshot('government', DEFAULT_DATA_CLASSES.government));
    expect(document.complaint.complainant).toEqual({ name: 'สมชาย ใจดี', phone: '081-234-5678', email: 'somchai@example.com', lineId: 'somchai' });
    expect(document.complaint.narrative).toContain('ผู้ขายไม่ส่งของ');
    expect(document.complaint.subjects.map((subject) => subject.type)).toEqual(['bank_account', 'url', 'phone']);
    expect(Object.keys(document.complaint.transaction!).sort()).toEqual(['amountLost', 'orderDate', 'paymentMethod', 'price', 'product', 'quantity', 'seller']);
    expect(document.evidence).toHaveLength(1);
    expect(document.disclosure.dataClasses).toEqual([...DATA_CLASSES]);
    expect(document.disclosure.fieldsShared).toEqual([
      'complainant.name', 'complainant.phone', 'complainant.email', 'complainant.lineId', 'complaint.narrative',
      'complaint.transaction.orderDate', 'complaint.transaction.product', 'complaint.transaction.quantity', 'complaint.transaction.price',
      'complaint.transaction.seller', 'complaint.transaction.paymentMethod', 'complaint.transaction.amountLost', 'complaint.subjects', 'evidence',
    ]);
  });

  it('a bank sees the account and the amount, nothing of the complainant, the story or the files', () => {
    const document = buildReferralDocument(aSnapshot('bank', DEFAULT_DATA_CLASSES.bank));
    expect(document.complaint.subjects).toEqual([{ type: 'bank_account', value: '123-4-56789-0', bank: '004', normalised: { kind: 'bank_account', value: '004:1234567890' } }]);
    expect(document.complaint.transaction).toEqual({ price: { amountSatang: 2_500_000, currency: 'THB' }, paymentMethod: 'bank_transfer', amountLost: { amountSatang: 2_500_000, currency: 'THB' } });
    expect(document.complaint.complainant).toEqual({ name: 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยตัวตน)' });
    expect(document.complaint.narrative).toBe(WITHHELD_NARRATIVE);
    expect(document.evidence).toEqual([]);
    expect(document.disclosure).toMatchObject({ dataClasses: ['financial'], fieldsShared: ['complaint.transaction.price', 'complaint.transaction.paymentMethod', 'complaint.transaction.amountLost', 'complaint.subjects'] });
  });

  it('a marketplace sees the listing and the seller', () => {
    const document = buildReferralDocument(aSnapshot('platform', DEFAULT_DATA_CLASSES.platform));
    expect(document.complaint.subjects.map((subject) => subject.value)).toEqual(['https://shopee.co.th/product/123/456', '089-999-0000']);
    expect(document.complaint.transaction).toEqual({ seller: 'ร้านมือถือถูก' });
    expect(document.complaint.complainant).toEqual({ name: 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยตัวตน)' });
    expect(document.disclosure).toMatchObject({ dataClasses: ['subject'], fieldsShared: ['complaint.transaction.seller', 'complaint.subjects'] });
  });

  it("keeps to the dispatcher's choice of the complainant's fields within the classes", () => {
    const contactOnly = buildReferralDocument(aSnapshot('government', ['contact'], ['name', 'phone']));
    expect(contactOnly.complaint.complainant).toEqual({ name: 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยชื่อ)', phone: '081-234-5678' });
    expect(contactOnly.disclosure.fieldsShared).toEqual(['complainant.phone']);
    expect(contactOnly.complaint.transaction).toBeUndefined();
  });

  it.each([
    ['government', DATA_CLASSES], ['bank', ['financial']], ['platform', ['subject']], ['civil_society', ['identity', 'narrative']], ['government', []],
  ] as Array<[PartnerKind, DataClass[]]>)('a %s given %j validates against 1.1 and against 1.0 as published', (kind, classes) => {
    const document = buildReferralDocument(aSnapshot(kind, classes));
    const result = registry.validate('referral', document);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(accept10(document)).toBe(true);
    // fieldsShared names exactly the classified members sent, each of a class sent.
    for (const field of document.disclosure.fieldsShared) {
      const dataClass = field === 'complaint.subjects' ? null : REFERRAL_FIELD_CLASSES[field as keyof typeof REFERRAL_FIELD_CLASSES];
      if (dataClass) expect(classes).toContain(dataClass);
    }
  });
});

describe('choosing the classes', () => {
  it("gives a recipient its kind's default within its cover when the dispatcher does not choose", () => {
    expect(chooseDataClasses(undefined, 'bank', ['financial', 'evidence'])).toEqual({ ok: true, classes: ['financial'] });
    expect(chooseDataClasses(undefined, 'government', ['narrative', 'identity'])).toEqual({ ok: true, classes: ['identity', 'narrative'] });
  });

  it('refuses a class beyond the cover, naming it, rather than narrowing quietly', () => {
    expect(chooseDataClasses(['financial', 'contact', 'identity'], 'bank', ['financial'])).toEqual({ ok: false, uncovered: ['identity', 'contact'] });
    expect(chooseDataClasses(['evidence', 'financial'], 'bank', ['financial', 'evidence'])).toEqual({ ok: true, classes: ['financial', 'evidence'] });
  });

  it("sends a later version no more than the cover allows now, and a 1.0 referral what 1.0 sent", () => {
    expect(classesToSend(['financial', 'evidence'], 'bank', ['financial'])).toEqual(['financial']);
    expect(classesToSend(null, 'platform', DATA_CLASSES)).toEqual(['financial', 'narrative', 'subject', 'evidence']);
    expect(classesToSend(null, 'government', ['narrative'])).toEqual(['narrative']);
  });
});

describe('the published table of data classes', () => {
  const dir = registry.dir;

  it('schemas/ocx/v1/data-classes.json is the table the hub applies', () => {
    expect(JSON.parse(readFileSync(path.join(dir, 'data-classes.json'), 'utf8'))).toEqual(publishedDataClasses());
  });

  it("names each classified member's class in the Referral schema's description of it", () => {
    const schema = registry.schema('referral') as { properties: Record<string, { description?: string; properties?: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> }> };
    const complaint = schema.properties.complaint!.properties!;
    for (const [field, dataClass] of Object.entries(REFERRAL_FIELD_CLASSES)) {
      const [head, member, sub] = field.split('.');
      const description = head === 'evidence' ? schema.properties.evidence!.description
        : head === 'complainant' ? complaint.complainant!.description
        : sub ? complaint[member!]!.properties![sub]!.description : complaint[member!]!.description;
      expect(`${field}: ${description ?? ''}`).toMatch(new RegExp(`${dataClass}`));
    }
  });
});
