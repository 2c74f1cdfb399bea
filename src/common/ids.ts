/**
 * The one UUID check of the hub (ids of complaints, referrals, evidence, deliveries,
 * notices): canonical text form, any version, either case. An id that fails it is not
 * looked up at all, so PostgreSQL never sees a malformed uuid.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
