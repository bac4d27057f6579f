/**
 * A group's life: forming → active (at its first meeting) → review (once the planned number
 * of meetings has been held) → continuing (with a new planned number) or adjourned. A group
 * with no planned number never enters review. Pure rules; the server records each step.
 */

export const STAGES = ['forming', 'active', 'review', 'continuing', 'adjourned'] as const;
export type Stage = (typeof STAGES)[number];

export const REVIEW_OPTIONS = ['continue', 'change', 'adjourn'] as const;
export type ReviewOption = (typeof REVIEW_OPTIONS)[number];

/**
 * Why a group moved on in its life, recorded with each step: its first meeting, its planned
 * meetings held, or what its review decided. The web app puts each into words.
 */
export const STAGE_REASONS = [
  'first_meeting',
  'planned_held',
  'review_continue',
  'review_change',
  'review_adjourn',
  /** Its last member left: nobody is left to meet, so the group closes. */
  'last_member_left',
  /** Its only member closed it and stayed, to keep its history. */
  'closed_by_last_member',
] as const;
export type StageReason = (typeof STAGE_REASONS)[number];

/** Most meetings a group can plan for one stretch (about two years of weekly meetings). */
export const MAX_PLANNED_MEETINGS = 104;

export interface LifecycleFacts {
  stage: Stage;
  /** Meetings that have started and were not cancelled. */
  meetingsHeld: number;
  /** Meetings held at which this stretch ends and the group reviews; null: never. */
  reviewAt: number | null;
}

/** Moves the group on by what has happened, or null when it stays where it is. */
export function nextStage(facts: LifecycleFacts): Stage | null {
  switch (facts.stage) {
    case 'forming':
      if (facts.meetingsHeld === 0) return null;
      return dueForReview(facts) ? 'review' : 'active';
    case 'active':
    case 'continuing':
      return dueForReview(facts) ? 'review' : null;
    case 'review':
    case 'adjourned':
      return null;
  }
}

function dueForReview(facts: LifecycleFacts): boolean {
  return facts.reviewAt !== null && facts.meetingsHeld >= facts.reviewAt;
}

/** Every step the rules allow, automatic or by the group's decision. */
const ALLOWED: Record<Stage, readonly Stage[]> = {
  forming: ['active', 'review', 'adjourned'],
  active: ['review', 'adjourned'],
  review: ['continuing', 'adjourned'],
  continuing: ['review', 'adjourned'],
  adjourned: [],
};

export function canMove(from: Stage, to: Stage): boolean {
  return ALLOWED[from].includes(to);
}

/** What the group's adopted review decides: the next stage and when it reviews again. */
export function afterReview(
  option: ReviewOption,
  meetingsHeld: number,
  plannedMeetings: number | null,
): { stage: Stage; reviewAt: number | null } {
  if (option === 'adjourn') return { stage: 'adjourned', reviewAt: null };
  return {
    stage: 'continuing',
    reviewAt: plannedMeetings === null ? null : meetingsHeld + plannedMeetings,
  };
}

/** True when the group's history can still change (everything but an adjourned group). */
export function isOpenForChange(stage: Stage): boolean {
  return stage !== 'adjourned';
}

/** Groups in these stages appear in the directory (when open or closed). */
export function isListed(stage: Stage): boolean {
  return stage !== 'adjourned';
}

/** The directory shows open and closed groups that have not adjourned. */
export function inDirectory(visibility: 'open' | 'closed' | 'invite_only', stage: Stage): boolean {
  return visibility !== 'invite_only' && isListed(stage);
}
