import { useEffect } from 'preact/hooks';
import type { NotificationList } from '../../../core/protocol/notifications';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { unreadNotifications } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { listNotifications, markAllRead } from './api';

type Notice = NotificationList['items'][number];

/** Where each kind of notification takes the person. */
function linkFor(n: Notice): string {
  if (!n.groupId || !n.subjectId) return '/groups';
  const group = `/groups/${n.groupId}`;
  switch (n.kind) {
    case 'proposal.new':
    case 'proposal.revised':
    case 'proposal.objection':
    case 'proposal.outcome':
      return `${group}/agreement/proposals/${n.subjectId}`;
    case 'purpose.asked':
      return `${group}/purpose`;
    case 'decision.new':
    case 'decision.outcome':
      return `/decisions/${n.subjectId}`;
    case 'application.new':
      return `${group}/applications`;
    case 'application.outcome':
    case 'waitlist.offer':
      return `${group}/join`;
    case 'group.stage':
      return `${group}/life`;
    case 'space.reply':
    case 'space.moderated':
      return `/space/threads/${n.subjectId}`;
    case 'space.report':
      return `${group}/space/care`;
    default:
      return `/meetings/${n.subjectId}`;
  }
}

function Notifications() {
  const list = useLoad(listNotifications, []);
  useEffect(() => {
    if (list.data && list.data.unread > 0) {
      void markAllRead().then(() => {
        unreadNotifications.value = 0;
      });
    }
  }, [list.data]);
  return (
    <Page title={t('notifications.title')}>
      <Loaded state={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="empty">{t('notifications.none')}</p>
          ) : (
            <ul class="notifications">
              {data.items.map((n) => (
                <li key={n.id} class={`card${n.read ? '' : ' unread'}`}>
                  <a href={linkFor(n)}>
                    {t(`notifications.${n.kind}`, { group: n.groupName ?? '' })}
                  </a>
                  <p class="muted small">{formatDateTime(n.createdAt)}</p>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

export default function NotificationsPage() {
  return (
    <RequireSignIn>
      <Notifications />
    </RequireSignIn>
  );
}
