/**
 * The groups feature's calls: groups and their settings, the directory, members,
 * invitations, and where one is waiting for a seat.
 */
import type { z } from 'zod';
import type { StaffRole } from '../../../core/domain/membership';
import type { GroupDecision } from '../../../core/protocol/decisions';
import type {
  CreateGroupInput,
  GroupDetail,
  GroupPage,
  Role,
  updateGroupBody,
} from '../../../core/protocol/groups';
import type { CreatedInvite, InviteItem } from '../../../core/protocol/invites';
import type { ApplicationView, MyWaiting } from '../../../core/protocol/joining';
import type { LifecycleView } from '../../../core/protocol/lifecycle';
import type { PurposeView } from '../../../core/protocol/purpose';
import type { RecordPage } from '../../../core/protocol/record';
import { del, get, patch, path, post } from '../../lib/api';

export const createGroup = (body: CreateGroupInput) => post<GroupDetail>('/api/groups', body);
export const getGroup = (groupId: string) => get<GroupDetail>(path`/api/groups/${groupId}`);
export const updateGroup = (groupId: string, changes: z.input<typeof updateGroupBody>) =>
  patch<GroupDetail>(path`/api/groups/${groupId}`, changes);
export const myWaiting = () => get<MyWaiting>('/api/me/waiting');
export const myApplications = () => get<{ items: ApplicationView[] }>('/api/me/applications');

/** The group's open decisions (its purpose, its review) that still wait for the viewer. */
export async function decisionsWaiting(groupId: string): Promise<GroupDecision[]> {
  const [purpose, life] = await Promise.all([
    get<PurposeView>(path`/api/groups/${groupId}/purpose`),
    get<LifecycleView>(path`/api/groups/${groupId}/lifecycle`),
  ]);
  return [purpose.openDecision, life.openReview].filter(
    (d): d is GroupDecision => d !== null && d.status === 'open' && d.myResponse === null,
  );
}
/** The group's only member closes it and stays, keeping its history. */
export const closeGroup = (groupId: string) =>
  post<LifecycleView>(path`/api/groups/${groupId}/close`);
export const getRecord = (groupId: string, before?: string) =>
  get<RecordPage>(
    before
      ? `${path`/api/groups/${groupId}/record`}?before=${encodeURIComponent(before)}`
      : path`/api/groups/${groupId}/record`,
  );
export const listMyGroups = () => get<GroupPage>('/api/me/groups');
export const browseDirectory = (query: URLSearchParams) =>
  get<GroupPage>(`/api/groups?${query.toString()}`);

/** Leaving (your own id) or, for a steward, removing someone. */
export const endStaffRole = (groupId: string, userId: string) =>
  del(path`/api/groups/${groupId}/staff/${userId}`);
export const removeMember = (groupId: string, userId: string) =>
  del(path`/api/groups/${groupId}/members/${userId}`);
export const changeMemberRole = (groupId: string, userId: string, role: Role) =>
  patch<GroupDetail>(path`/api/groups/${groupId}/members/${userId}`, { role });

export const createInvite = (
  groupId: string,
  body: {
    expiresInDays?: number;
    maxUses?: number | null;
    email?: string;
    role?: 'member' | StaffRole;
    meetingId?: string;
  },
) => post<CreatedInvite>(path`/api/groups/${groupId}/invites`, body);
export const listInvites = (groupId: string) =>
  get<{ items: InviteItem[] }>(path`/api/groups/${groupId}/invites`);
export const revokeInvite = (groupId: string, inviteId: string) =>
  del(path`/api/groups/${groupId}/invites/${inviteId}`);
