/** Who can find and join a group. */
export const VISIBILITIES = ['open', 'closed', 'invite_only'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A member's standing in a group: stewards look after it; everyone else is a member. */
export const ROLES = ['steward', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** The lifetimes, in days, offered for an invitation link. */
export const INVITE_EXPIRY_DAYS = [1, 7, 30] as const;

/**
 * People who work with a group without being one of its peers: an external facilitator, a
 * coordinator, a research observer. They are not members (no seat, no rota, no say in the
 * group's decisions) and never see a members-only space.
 */
export const STAFF_ROLES = ['facilitator', 'coordinator', 'observer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
