import { randomInt } from 'node:crypto';

/** `count` random decimal digits: a phone, an account or a case number of its own in every test. */
export function randomDigits(count: number): string {
  return Array.from({ length: count }, () => String(randomInt(10))).join('');
}

/** A valid complaint as 1212 staff record it; tests override what they care about. */
export function aComplaint(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    channel: 'hotline',
    complainant: { name: 'สมหญิง ใจงาม', phone: '081-234-5678' },
    category: 'shopping',
    subCategory: 'not_received',
    narrative: 'สั่งซื้อหม้อทอดไร้น้ำมันผ่านเพจเฟซบุ๊ก โอนเงินแล้วแต่ไม่ได้รับสินค้า ผู้ขายบล็อกหลังโอนเงิน',
    incidentDate: '2026-11-10',
    transaction: {
      orderDate: '2026-11-10',
      product: 'หม้อทอดไร้น้ำมัน 5 ลิตร',
      quantity: 1,
      price: { amountSatang: 159000 },
      seller: 'ร้าน Happy Kitchen',
      paymentMethod: 'bank_transfer',
      amountLost: { amountSatang: 159000 },
    },
    // A seller of its own: complaints built here do not link to each other unless a test says so.
    subjects: [
      { type: 'phone', value: `08${randomDigits(1)}-${randomDigits(3)}-${randomDigits(4)}` },
      { type: 'bank_account', bank: '004', value: `${randomDigits(3)}-${randomDigits(1)}-${randomDigits(5)}-${randomDigits(1)}` },
    ],
    ...overrides,
  };
}

/** A random Thai national id with a valid mod-11 check digit (13 digits, no dashes). */
export function aNationalId(): string {
  const first12 = `1${randomDigits(11)}`;
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (13 - index), 0);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}
