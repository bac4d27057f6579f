import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { SpaceName } from '../../../core/domain/space';
import type { SpacePage as SpacePageView, ThreadSummary } from '../../../core/protocol/space';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { plural, t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getSpace, searchSpace } from './api';
import { openSpaceNotices } from './spaceSocket';

type Hit = Awaited<ReturnType<typeof searchSpace>>['items'][number];

/** A thread in the list: what it is, who started it, what is new. */
function ThreadItem({ thread }: { thread: ThreadSummary }) {
  return (
    <li class={`card thread-item${thread.unread > 0 ? ' unread' : ''}`}>
      <h3>
        <a href={`/space/threads/${thread.id}`}>{thread.title}</a>
      </h3>
      <p class="meta">
        <span class="badge">{t(`space.kind.${thread.kind}`)}</span>
        {thread.kind === 'question' && thread.answered ? (
          <span class="badge answered">{t('space.answered')}</span>
        ) : null}
        <span>{t(`space.wants.${thread.wants}.short`)}</span>
      </p>
      <p class="meta">
        <span>{t('space.startedBy', { name: thread.authorName ?? t('space.formerMember') })}</span>
        <span>{plural('space.replies', thread.replies)}</span>
        <span>
          {t('space.lastActive')}{' '}
          <time dateTime={thread.lastPostAt}>{formatDateTime(thread.lastPostAt)}</time>
        </span>
        {thread.unread > 0 ? (
          <strong class="new-count">{plural('space.new', thread.unread)}</strong>
        ) : null}
        {thread.volume === 'mute' ? <span>{t('space.volume.muted')}</span> : null}
      </p>
    </li>
  );
}

function Search({ groupId }: { groupId: string }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      aria-label={t('space.search')}
      class="space-search"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!q.trim()) return;
        try {
          setProblem(null);
          setHits((await searchSpace(groupId, q)).items);
        } catch (error) {
          setProblem(problemText(error));
        }
      }}
    >
      <label for="space-q">{t('space.search')}</label>
      <div class="inline-field">
        <input id="space-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit" class="button secondary">
          {t('space.searchButton')}
        </button>
      </div>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {hits ? (
        <div role="status">
          <p>{plural('space.found', hits.length)}</p>
          <ul class="search-hits">
            {hits.map((h) => (
              <li key={h.postId}>
                <a href={`/space/threads/${h.threadId}#post-${h.postId}`}>{h.title}</a>{' '}
                <span class="muted small">
                  {h.authorName ?? t('space.formerMember')} · {formatDateTime(h.createdAt)}
                  {h.space === 'peers' ? ` · ${t('space.tab.peers')}` : ''}
                </span>
                {h.contentNote ? (
                  <p class="small">{t('space.foldedNote', { note: h.contentNote })}</p>
                ) : (
                  <p class="small">{h.excerpt}</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}

function Space({ groupId, space }: { groupId: string; space: SpaceName }) {
  const page = useLoad(() => getSpace(groupId, space), [groupId, space]);
  const [older, setOlder] = useState<{ threads: ThreadSummary[]; next: string | null } | null>(
    null,
  );
  useEffect(() => {
    // New threads and replies show without reloading.
    const socket = openSpaceNotices(groupId, () => {
      void page.reload();
    });
    return () => socket.close();
  }, [groupId, space]);
  return (
    <Loaded state={page}>
      {(view: SpacePageView) => {
        const next = older ? older.next : view.next;
        return (
          <Page title={t('space.title')} lead={view.groupName}>
            <p>{t('space.lead')}</p>
            <nav class="tabs" aria-label={t('space.tabs')}>
              <a
                href={`/groups/${groupId}/space`}
                aria-current={space === 'everyone' ? 'page' : undefined}
              >
                {t('space.tab.everyone')}
                {view.unread.everyone > 0 ? (
                  <span class="count"> ({view.unread.everyone})</span>
                ) : null}
              </a>
              {view.can.peers ? (
                <a
                  href={`/groups/${groupId}/space?space=peers`}
                  aria-current={space === 'peers' ? 'page' : undefined}
                >
                  {t('space.tab.peers')}
                  {view.unread.peers ? <span class="count"> ({view.unread.peers})</span> : null}
                </a>
              ) : null}
            </nav>
            <p class="muted">
              {space === 'peers'
                ? t('space.peersAbout')
                : view.staff.length > 0
                  ? t('space.everyoneAboutStaff', {
                      staff: view.staff
                        .map((s) => `${s.name} (${t(`staff.role.${s.role}`)})`)
                        .join(', '),
                    })
                  : t('space.everyoneAbout')}
            </p>
            <div class="actions">
              {view.can.write ? (
                <a class="button primary" href={`/groups/${groupId}/space/new?space=${space}`}>
                  {t('space.start')}
                </a>
              ) : (
                <p class="muted">{t('space.readOnly')}</p>
              )}
              {view.can.moderate ? (
                <a class="button secondary" href={`/groups/${groupId}/space/care`}>
                  {view.openReports > 0
                    ? plural('space.care.open', view.openReports)
                    : t('space.care.link')}
                </a>
              ) : null}
            </div>
            <Search groupId={groupId} />
            {view.threads.length === 0 ? (
              <p class="empty card">{t('space.none')}</p>
            ) : (
              <ul class="cards threads">
                {[...view.threads, ...(older?.threads ?? [])].map((thread) => (
                  <ThreadItem key={thread.id} thread={thread} />
                ))}
              </ul>
            )}
            {next ? (
              <button
                type="button"
                class="button secondary"
                onClick={async () => {
                  const more = await getSpace(groupId, space, next);
                  setOlder({
                    threads: [...(older?.threads ?? []), ...more.threads],
                    next: more.next,
                  });
                }}
              >
                {t('space.more')}
              </button>
            ) : null}
            <p>
              <a href={`/groups/${groupId}`}>{t('space.backToGroup')}</a>
            </p>
          </Page>
        );
      }}
    </Loaded>
  );
}

export default function SpacePage() {
  const { params } = useRoute();
  const { query } = useLocation();
  const space: SpaceName = query.space === 'peers' ? 'peers' : 'everyone';
  return (
    <RequireSignIn>
      <Space groupId={params.id ?? ''} space={space} />
    </RequireSignIn>
  );
}
