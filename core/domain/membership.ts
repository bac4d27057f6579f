/** Who can find and join a group. */
export const VISIBILITIES = ['open', 'closed', 'invite_only'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A member's standing in a group: stewards look after it; everyone else is a member. */
export const ROLES = ['steward', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** The lifetimes, in days, offered for an invitation link. */
export const INVITE_EXPIRY_DAYS = [1, 7, 30] as const;
