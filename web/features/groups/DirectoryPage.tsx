import { useEffect, useState } from 'preact/hooks';
import type { GroupPage, GroupSummary } from '../../../core/protocol/api';
import { ApiError, api } from '../../app/api';
import { GroupCard } from '../../components/GroupCard';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';

/** The directory of open and closed groups, searchable, a page at a time. */
export default function DirectoryPage() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<GroupSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(q: string, after: string | null) {
    setBusy(true);
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (q) params.set('q', q);
      if (after) params.set('cursor', after);
      const page = await api<GroupPage>('GET', `/api/groups?${params}`);
      setItems((before) => (after && before ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('error.text'));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load(search, null);
  }, [search]);

  return (
    <Page title={t('directory.title')} lead={t('directory.lead')}>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is unknown to browsers older than 2023, which members may have */}
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(query.trim());
        }}
      >
        <label for="q">{t('directory.search')}</label>
        <div class="search-row">
          <input
            id="q"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            maxLength={100}
          />
          <button class="button secondary" type="submit">
            {t('directory.searchButton')}
          </button>
        </div>
      </form>
      {error ? <Notice tone="warning">{error}</Notice> : null}
      {items === null ? (
        busy ? (
          <Loading />
        ) : null
      ) : items.length === 0 ? (
        <p class="empty">{search ? t('directory.none') : t('directory.empty')}</p>
      ) : (
        <>
          <p class="visually-hidden" role="status">
            {t('directory.results', { count: items.length })}
          </p>
          <ul class="cards">
            {items.map((g) => (
              <GroupCard key={g.id} group={g} />
            ))}
          </ul>
        </>
      )}
      {cursor ? (
        <p>
          <button
            class="button secondary"
            type="button"
            disabled={busy}
            onClick={() => void load(search, cursor)}
          >
            {busy ? t('common.loading') : t('directory.more')}
          </button>
        </p>
      ) : null}
    </Page>
  );
}
