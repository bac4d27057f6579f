/** Six or fewer works best for a peer support group. */
export const RECOMMENDED_GROUP_SIZE = 6;
/** A group needs at least two people to be a group. */
export const MIN_GROUP_SIZE = 2;
/** The deployment's ceiling when an administrator has not set one. */
export const DEFAULT_SIZE_CAP_MAX = 12;
/** The most any deployment may allow. */
export const ABSOLUTE_SIZE_CAP_MAX = 100;

/** Seats left in a group, never below zero. */
export function seatsLeft(sizeCap: number, memberCount: number): number {
  return Math.max(0, sizeCap - memberCount);
}

/** True when the chosen cap is above what works best, so the app should say why small works. */
export function isAboveRecommended(sizeCap: number): boolean {
  return sizeCap > RECOMMENDED_GROUP_SIZE;
}
