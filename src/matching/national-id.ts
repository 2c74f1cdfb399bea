/** Thai digits ๐-๙ as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

/**
 * A Thai national id (เลขประจำตัวประชาชน) or juristic id: 13 digits, the last a
 * mod-11 check digit. Dashes and spaces are ignored. Returns the 13 digits, or
 * undefined when the value is not a valid id.
 */
export function normaliseThaiId(value: string): string | undefined {
  const digits = asciiDigits(value).replace(/[\s-]/g, '');
  if (!/^[0-9]{13}$/.test(digits)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(digits[12]) ? digits : undefined;
}
