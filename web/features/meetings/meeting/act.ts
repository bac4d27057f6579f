import type { MeetingDetail } from '../../../../core/protocol/meetings';

/**
 * How a part of the meeting page changes the meeting: it runs the call, and the page shows
 * the meeting as it now stands with `done` (or the problem, in plain words).
 */
export type Act = (work: () => Promise<MeetingDetail>, done: string) => Promise<void>;
