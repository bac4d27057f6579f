import { useEffect } from 'preact/hooks';
import type { NotificationList } from '../../../core/protocol/agreement';
import { api } from '../../app/api';
import { unreadNotifications } from '../../app/session';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, t } from '../../i18n/t';

function Notifications() {
  const list = useAsync(() => api<NotificationList>('GET', '/api/me/notifications'), []);
  useEffect(() => {
    if (list.data && list.data.unread > 0) {
      void api('POST', '/api/me/notifications/read').then(() => {
        unreadNotifications.value = 0;
      });
    }
  }, [list.data]);
  return (
    <Page title={t('notifications.title')}>
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p class="empty">{t('notifications.none')}</p>
      ) : (
        <ul class="notifications">
          {list.data.items.map((n) => (
            <li key={n.id} class={`card${n.read ? '' : ' unread'}`}>
              <a
                href={
                  !n.groupId || !n.subjectId
                    ? '/groups'
                    : n.kind.startsWith('proposal.')
                      ? `/groups/${n.groupId}/agreement/proposals/${n.subjectId}`
                      : `/meetings/${n.subjectId}`
                }
              >
                {t(`notifications.${n.kind}`, { group: n.groupName ?? '' })}
              </a>
              <p class="muted small">{formatDateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
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
