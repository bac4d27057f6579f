/**
 * The forming feature's calls: joining (the commitment, the waitlist, applications), the
 * purpose, the group's decisions and its life.
 */

import type { ConsentResponse } from '../../../core/domain/consent';
import type { ReviewOption } from '../../../core/domain/lifecycle';
import type { GroupDecision } from '../../../core/protocol/decisions';
import type { GroupDetail } from '../../../core/protocol/groups';
import type {
  ApplicationsForReview,
  ApplicationView,
  JoiningView,
} from '../../../core/protocol/joining';
import type { LifecycleView } from '../../../core/protocol/lifecycle';
import type { PurposeView } from '../../../core/protocol/purpose';
import { del, get, path, post, put } from '../../lib/api';

const group = (groupId: string) => path`/api/groups/${groupId}`;
const confirmed = { confirm: true } as const;

export const getJoining = (groupId: string) => get<JoiningView>(`${group(groupId)}/joining`);
export const joinGroup = (groupId: string) =>
  post<GroupDetail>(`${group(groupId)}/join`, confirmed);
export const joinWaitlist = (groupId: string) =>
  post<JoiningView>(`${group(groupId)}/waitlist`, confirmed);
export const leaveWaitlist = (groupId: string) => del<JoiningView>(`${group(groupId)}/waitlist`);
export const claimSeat = (groupId: string) => post<GroupDetail>(`${group(groupId)}/waitlist/claim`);

export const applyToGroup = (groupId: string, answers: Record<string, string>) =>
  post<ApplicationView>(`${group(groupId)}/applications`, { ...confirmed, answers });
export const withdrawApplication = (applicationId: string) =>
  post<ApplicationView>(path`/api/applications/${applicationId}/withdraw`);
export const listApplications = (groupId: string) =>
  get<ApplicationsForReview>(`${group(groupId)}/applications`);
export const decideApplication = (
  applicationId: string,
  body: { outcome: 'accept' | 'decline' | 'waitlist'; message?: string },
) => post<ApplicationView>(path`/api/applications/${applicationId}/decision`, body);

export const getPurpose = (groupId: string) => get<PurposeView>(`${group(groupId)}/purpose`);
export const askForPurpose = (groupId: string) =>
  post<PurposeView>(`${group(groupId)}/purpose/ask`);
export const answerPurpose = (groupId: string, answer: string) =>
  put<PurposeView>(`${group(groupId)}/purpose/answer`, { answer });
export const draftPurpose = (groupId: string, purpose: string) =>
  post<PurposeView>(`${group(groupId)}/purpose/drafts`, { purpose });

export const getDecision = (decisionId: string) =>
  get<GroupDecision>(path`/api/decisions/${decisionId}`);
export const respondToDecision = (
  decisionId: string,
  body: { response: ConsentResponse; note?: string },
) => put<GroupDecision>(path`/api/decisions/${decisionId}/response`, body);
export const withdrawDecision = (decisionId: string) =>
  post<GroupDecision>(path`/api/decisions/${decisionId}/withdraw`);

export const getLifecycle = (groupId: string) => get<LifecycleView>(`${group(groupId)}/lifecycle`);
export const proposeReview = (
  groupId: string,
  body: { option: ReviewOption; plannedMeetings?: number | null; changes?: string },
) => post<LifecycleView>(`${group(groupId)}/review`, body);
/** Where a member downloads what they contributed. */
export const contributionsUrl = (groupId: string) => `${group(groupId)}/my-contributions`;
