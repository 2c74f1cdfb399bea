/**
 * ISO 8601 durations as legal deadlines are written (`PT24H`, `P3D`, `P1DT12H`), in
 * milliseconds. Days are 24 hours (Asia/Bangkok has no daylight saving); years and
 * months are refused: a deadline in months is a date rule, not a duration.
 */
const DURATION = /^P(?:(\d{1,4})W|(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?)$/;

export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const ms = ((((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
  return ms > 0 ? ms : undefined;
}
