import type { GroupDetail, MemberItem } from '../../../core/protocol/groups';
import { ConfirmButton } from '../../components/ConfirmButton';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { changeMemberRole, removeMember } from './api';

/** The people in a group; stewards also get the actions to make stewards and remove people. */
export function MemberList({
  group,
  onChange,
  onMessage,
}: {
  group: GroupDetail;
  onChange: (group: GroupDetail | null) => Promise<void> | void;
  onMessage: (text: string, tone?: 'success' | 'warning') => void;
}) {
  const myId = me.value?.id;
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      onMessage(problemText(error), 'warning');
    }
  };
  const remove = (m: MemberItem) =>
    act(async () => {
      await removeMember(group.id, m.userId);
      onMessage(t('groupPage.removed', { name: m.displayName }), 'success');
      await onChange(null);
    });
  const promote = (m: MemberItem) =>
    act(async () => {
      const updated = await changeMemberRole(group.id, m.userId, 'steward');
      onMessage(t('groupPage.madeSteward', { name: m.displayName }), 'success');
      await onChange(updated);
    });

  return (
    <ul class="members">
      {(group.members ?? []).map((m) => (
        <li key={m.userId} class="member">
          <div class="member-name">
            <span class="avatar" aria-hidden="true">
              {m.displayName.trim().charAt(0).toUpperCase()}
            </span>
            <span id={`member-${m.userId}`}>
              {m.displayName}{' '}
              {m.userId === myId ? <span class="muted">{t('common.you')}</span> : null}
            </span>
            {m.role === 'steward' ? <span class="badge steward">{t('common.steward')}</span> : null}
          </div>
          {group.can.manageMembers && m.userId !== myId && m.role === 'member' ? (
            <div class="member-actions">
              {m.role === 'member' ? (
                <button
                  type="button"
                  class="button secondary small"
                  aria-describedby={`member-${m.userId}`}
                  onClick={() => void promote(m)}
                >
                  {t('groupPage.makeSteward')}
                </button>
              ) : null}
              <ConfirmButton
                small
                label={t('groupPage.remove')}
                describedBy={`member-${m.userId}`}
                question={t('groupPage.removeConfirm', { name: m.displayName })}
                confirmLabel={t('groupPage.removeYes')}
                onConfirm={() => remove(m)}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
