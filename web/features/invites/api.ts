/** Opening and accepting an invitation. */
import type { GroupDetail } from '../../../core/protocol/groups';
import type { InvitePreview } from '../../../core/protocol/invites';
import { get, path, post } from '../../lib/api';

export const previewInvite = (token: string) => get<InvitePreview>(path`/api/invites/${token}`);
export const acceptInvite = (token: string) =>
  post<GroupDetail>(path`/api/invites/${token}/accept`, { confirm: true });

/** Where an accepted invitation leads: the meeting's session for its observer, else the group. */
export function afterAccepting(p: Pick<InvitePreview, 'meeting'> | null, groupId: string): string {
  return p?.meeting ? `/meetings/${p.meeting.id}/live` : `/groups/${groupId}?welcome=1`;
}
