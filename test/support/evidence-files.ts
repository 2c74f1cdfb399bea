import { randomBytes } from 'node:crypto';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

/** Small files whose first bytes are what real ones start with, plus random content so each is unique. */
export const evidenceFiles = {
  jpeg: (): Buffer => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), randomBytes(2048), Buffer.from('ffd9', 'hex')]),
  png: (): Buffer => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', Buffer.from('0000000100000001080600000000', 'hex').subarray(0, 13)), pngChunk('tEXt', Buffer.from(`id\0${randomBytes(16).toString('hex')}`)), pngChunk('IEND', Buffer.alloc(0))]),
  pdf: (): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), randomBytes(512).map((byte) => 0x41 + (byte % 26)), Buffer.from('\n%%EOF\n')]),
  chatText: (): Buffer => Buffer.from(`[10/11/2569 14:02] ผู้ขาย: โอนเงินมาก่อนนะคะ แล้วจะส่งของให้พรุ่งนี้\n[10/11/2569 14:05] ลูกค้า: โอนแล้วค่ะ ${randomBytes(8).toString('hex')}\n`),
  /** A Windows executable (MZ header), the kind of file renamed `.jpg` by scammers. */
  executable: (): Buffer => Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'), Buffer.alloc(24), Buffer.from('50450000', 'hex'), randomBytes(512)]),
};
