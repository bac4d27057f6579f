import { useEffect, useState } from 'preact/hooks';
import { VENUE_KINDS } from '../../../core/domain/meetings';
import type { GroupSummary } from '../../../core/protocol/groups';
import { GroupCard } from '../../components/GroupCard';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { LANGUAGES, languageName } from '../../i18n/languages';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { browseDirectory } from './api';

interface Filters {
  q: string;
  format: string;
  joining: string;
  language: string;
  tag: string;
  seats: boolean;
}

const NO_FILTERS: Filters = { q: '', format: '', joining: '', language: '', tag: '', seats: false };

/** The directory of open and closed groups, searchable and filterable, a page at a time. */
export default function DirectoryPage() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<GroupSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(f: Filters, after: string | null) {
    setBusy(true);
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (f.q) params.set('q', f.q);
      if (f.format) params.set('format', f.format);
      if (f.joining) params.set('joining', f.joining);
      if (f.language) params.set('language', f.language);
      if (f.tag) params.set('tag', f.tag);
      if (f.seats) params.set('seats', 'available');
      if (after) params.set('cursor', after);
      const page = await browseDirectory(params);
      setItems((before) => (after && before ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(problemText(e));
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
          setSearch({ ...draft, q: draft.q.trim(), tag: draft.tag.trim().toLowerCase() });
        }}
      >
        <label for="q">{t('directory.search')}</label>
        <div class="search-row">
          <input
            id="q"
            type="search"
            value={draft.q}
            onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
            maxLength={100}
          />
          <button class="button secondary" type="submit">
            {t('directory.searchButton')}
          </button>
        </div>
        <details class="filters" open={search !== NO_FILTERS}>
          <summary>{t('directory.filters')}</summary>
          <div class="filter-grid">
            <div class="field">
              <label for="f-format">{t('directory.format')}</label>
              <select
                id="f-format"
                value={draft.format}
                onChange={(e) => setDraft({ ...draft, format: e.currentTarget.value })}
              >
                <option value="">{t('directory.any')}</option>
                {VENUE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`format.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-joining">{t('directory.joining')}</label>
              <select
                id="f-joining"
                value={draft.joining}
                onChange={(e) => setDraft({ ...draft, joining: e.currentTarget.value })}
              >
                <option value="">{t('directory.any')}</option>
                <option value="open">{t('directory.joiningOpen')}</option>
                <option value="application">{t('directory.joiningApplication')}</option>
              </select>
            </div>
            <div class="field">
              <label for="f-language">{t('directory.language')}</label>
              <select
                id="f-language"
                value={draft.language}
                onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value })}
              >
                <option value="">{t('directory.any')}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-tag">{t('directory.tag')}</label>
              <input
                id="f-tag"
                value={draft.tag}
                maxLength={30}
                onInput={(e) => setDraft({ ...draft, tag: e.currentTarget.value })}
              />
            </div>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.seats}
              onChange={(e) => setDraft({ ...draft, seats: e.currentTarget.checked })}
            />{' '}
            {t('directory.seats')}
          </label>
          <p class="actions">
            <button class="button primary" type="submit">
              {t('directory.apply')}
            </button>
            <button
              class="button secondary"
              type="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                setSearch(NO_FILTERS);
              }}
            >
              {t('directory.clear')}
            </button>
          </p>
        </details>
      </form>
      {error ? <Notice tone="warning">{error}</Notice> : null}
      {items === null ? (
        busy ? (
          <Loading />
        ) : null
      ) : items.length === 0 ? (
        <p class="empty">{search !== NO_FILTERS ? t('directory.none') : t('directory.empty')}</p>
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
