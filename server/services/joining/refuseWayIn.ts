import { AppError } from '../../../core/errors';
import type { GroupAccess } from '../../access/requireGroupAccess';

/**
 * The plain reason someone cannot use a way into a group: they are in it already, or the
 * group takes people another way. Undefined when nothing stands in the way.
 */
export function refuseWayIn(access: GroupAccess, way: 'join' | 'apply'): void {
  if (access.role === 'member' || access.role === 'steward') {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  const { visibility } = access.group;
  if (way === 'join' && visibility === 'closed') {
    throw new AppError('group.by_application', 'This group takes new members by application.');
  }
  if (way === 'apply' && visibility === 'open') {
    throw new AppError('group.open_to_join', 'This group is open: you can join it straight away.');
  }
  if (visibility === 'invite_only') {
    throw new AppError(
      'group.by_invitation',
      'This group takes new members by invitation from its stewards.',
    );
  }
}
