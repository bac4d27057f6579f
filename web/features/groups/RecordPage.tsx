import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { RecordEntry } from '../../../core/protocol/record';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { hasMessage, t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getGroup, getRecord } from './api';

/** One entry of the record in words: who did what (never what anyone wrote). */
export function recordText(entry: RecordEntry): string {
  const key = `record.action.${entry.action}`;
  const actor = entry.actor ?? t('record.someone');
  const values = { actor, subject: entry.subject ?? t('record.someoneElse') };
  if (entry.actor === null && !key.includes('application') && !key.includes('waitlist'))
    values.actor = t('record.hearth');
  return hasMessage(key) ? t(key, values) : t('record.other', values);
}

function Record({ groupId }: { groupId: string }) {
  const group = useLoad(() => getGroup(groupId), [groupId]);
  const first = useLoad(() => getRecord(groupId), [groupId]);
  const [more, setMore] = useState<RecordEntry[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const cursor = next === undefined ? (first.data?.next ?? null) : next;
  return (
    <Loaded state={first}>
      {(page) => (
        <Page title={t('record.title')} lead={group.data ? group.data.name : undefined}>
          <p>{t('record.lead')}</p>
          {page.items.length === 0 ? (
            <p class="empty">{t('record.none')}</p>
          ) : (
            <ol class="record">
              {[...page.items, ...more].map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at} class="muted small">
                    {formatDateTime(entry.at)}
                  </time>{' '}
                  <span>{recordText(entry)}</span>
                </li>
              ))}
            </ol>
          )}
          {problem ? <p class="notice warning">{problem}</p> : null}
          {cursor ? (
            <button
              type="button"
              class="button secondary"
              onClick={async () => {
                try {
                  const older = await getRecord(groupId, cursor);
                  setMore((shown) => [...shown, ...older.items]);
                  setNext(older.next);
                } catch (error) {
                  setProblem(problemText(error));
                }
              }}
            >
              {t('record.more')}
            </button>
          ) : null}
          <p>
            <a href={`/groups/${groupId}`}>{t('record.back')}</a>
          </p>
        </Page>
      )}
    </Loaded>
  );
}

export default function RecordPage() {
  const { params } = useRoute();
  return (
    <RequireSignIn>
      <Record groupId={params.id ?? ''} />
    </RequireSignIn>
  );
}
