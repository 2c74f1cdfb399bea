import { describe, expect, it } from '@jest/globals';
import { declaredType, looksLikeMarkup, nameAgreesWithContent, safeFilename } from '../../../src/evidence/media-types.js';

describe('safeFilename', () => {
  it.each([
    ['สลิปโอนเงิน.jpg', 'สลิปโอนเงิน.jpg'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['\u2067photo\u2069.png', 'photo.png'],
    ['chat\u200b.txt', 'chat.txt'],
    ['..', 'evidence'],
    ['.', 'evidence'],
    ['...hidden.txt', 'hidden.txt'],
    ['  name.pdf. ', 'name.pdf'],
    ['a    b.jpg', 'a b.jpg'],
    ['\u202E', 'evidence'],
  ])('%j → %j', (name, safe) => {
    expect(safeFilename(name)).toBe(safe);
  });
});

describe('declared and detected types', () => {
  it.each([
    ['report.pdf', 'application/pdf', true],
    ['report.PDF', 'application/pdf', true],
    ['report.pdf', 'text/plain', false],
    ['photo.png', 'image/jpeg', true],
    ['photo.jpg', 'application/pdf', false],
    ['call.mp3', 'audio/ogg', true],
    ['call.m4a', 'audio/x-m4a', true],
    ['IMG_1234', 'image/jpeg', true],
    ['scan.tiff', 'image/jpeg', true],
    ['evil.exe', 'image/jpeg', false],
    ['page.html', 'text/plain', false],
    ['drawing.svg', 'text/plain', false],
  ])('%s holding %s agrees: %s', (name, detected, agrees) => {
    expect(nameAgreesWithContent(name, detected)).toBe(agrees);
  });

  it('knows no type for a name without a known extension', () => {
    expect(declaredType('chat export')).toBeUndefined();
    expect(declaredType('archive.xyz')).toBeUndefined();
  });
});

describe('looksLikeMarkup', () => {
  it.each([
    '<!DOCTYPE html><html><body>x</body></html>',
    '\ufeff  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<?xml version="1.0"?><svg/>',
    'hello <script>alert(1)</script>',
    'click <a href="javascript:alert(1)">here</a>',
  ])('finds markup in %j', (text) => {
    expect(looksLikeMarkup(Buffer.from(text))).toBe(true);
  });

  it.each(['[10/11/2569 14:02] ผู้ขาย: โอนเงินมาก่อนนะคะ', 'price < 500 baht and > 100', 'a <b> c'])('leaves chat text alone: %j', (text) => {
    expect(looksLikeMarkup(Buffer.from(text))).toBe(false);
  });
});
