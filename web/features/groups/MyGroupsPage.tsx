import { useLocation } from 'preact-iso';
import { GroupCard } from '../../components/GroupCard';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { MyMeetings } from '../meetings/MyMeetings';
import { listMyGroups } from './api';
import { MyWaitingList } from './MyWaitingList';

function MyGroups() {
  const groups = useLoad(listMyGroups, []);
  const { query } = useLocation();
  return (
    <Page title={t('myGroups.title')}>
      {query.reset ? <Notice tone="success">{t('myGroups.passwordReset')}</Notice> : null}
      {query.confirmed ? <Notice tone="success">{t('myGroups.confirmed')}</Notice> : null}
      <p class="actions">
        <a class="button primary" href="/groups/new">
          {t('myGroups.start')}
        </a>
      </p>
      {groups.error ? <Notice tone="warning">{groups.error.message}</Notice> : null}
      <MyWaitingList />
      {!groups.data ? (
        groups.loading ? (
          <Loading />
        ) : null
      ) : groups.data.items.length === 0 ? (
        <div class="empty card">
          <h2>{t('myGroups.emptyTitle')}</h2>
          <p>{t('myGroups.emptyText')}</p>
          <a class="button secondary" href="/directory">
            {t('myGroups.find')}
          </a>
        </div>
      ) : (
        <ul class="cards">
          {groups.data.items.map((g) => (
            <GroupCard key={g.id} group={g} />
          ))}
        </ul>
      )}
      {groups.data && groups.data.items.length > 0 ? <MyMeetings /> : null}
    </Page>
  );
}

export default function MyGroupsPage() {
  return (
    <RequireSignIn>
      <MyGroups />
    </RequireSignIn>
  );
}
