/**
 * Codes defined by OCX v1: one source for DTOs, entities, schemas tests and code.
 * Taxonomy from the 1212 complaint categories (../shared/DOMAIN.md).
 */
export const SUB_CATEGORIES = {
  shopping: [
    'not_received', 'late_delivery', 'incomplete', 'wrong_item', 'damaged', 'illegal_health_product', 'overpriced',
    'shop_registration_check', 'no_tis_mark',
  ],
  illegal_website: [
    'lese_majeste', 'obscene', 'national_security', 'gambling', 'ponzi', 'investment_scam', 'loan_scam', 'call_center_sms_scam',
  ],
  cyber_threat: ['harmful_link', 'intrusion'],
  digital_law: ['eta', 'computer_crime_act', 'digital_development_act', 'pdpa', 'cybersecurity_act', 'dps_decree'],
  platform_service: [
    'unfair_practice', 'online_trade', 'personal_data', 'investment_job_scam', 'labour', 'telecom', 'content', 'professional_ethics',
  ],
} as const;

export type Category = keyof typeof SUB_CATEGORIES;
export const CATEGORIES = Object.keys(SUB_CATEGORIES) as Category[];
export type SubCategory = (typeof SUB_CATEGORIES)[Category][number];

export const PARTNER_KINDS = ['government', 'civil_society', 'platform'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** How a partner receives referrals: pushed to its endpoint, or pulled from its feed. */
export const DELIVERY_MODES = ['push', 'pull'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
