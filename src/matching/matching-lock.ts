/**
 * The advisory lock that serialises cluster maintenance across hub processes (and the
 * re-keying of the blind index): two cases arriving at once could otherwise each
 * start a cluster for the identifier they share.
 */
export const MATCHING_LOCK = 0x0c5_0006;
