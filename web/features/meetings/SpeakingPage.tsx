import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { LATE_AFTER_MINUTES } from '../../../core/domain/meetings';
import type { SpeakingRecordView } from '../../../core/protocol/speaking';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { ScrollTable } from '../../components/ScrollTable';
import { plural, t } from '../../i18n/t';
import { formatClock, formatMeeting } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getSpeakingRecord, timelineUrl } from './api';
import { ReflectionForm } from './ReflectionForm';

function Speaking() {
  const { params } = useRoute();
  const meetingId = params.meetingId ?? '';
  const view = useLoad(() => getSpeakingRecord(meetingId), [meetingId]);
  return <Loaded state={view}>{(r) => <Record initial={r} />}</Loaded>;
}

/** Minutes and seconds, said in words for a screen reader's table cell. */
const minutes = (ms: number) => formatClock(ms);

/**
 * The group's picture as bars, smallest first, with nobody named but the viewer, and a line
 * at the fair share. The table below says the same in words.
 */
function SharesChart({ r }: { r: SpeakingRecordView }) {
  const { shares, fairShareMs } = r.group;
  // Bars on the left, the fair-share label in a margin of its own on the right.
  const width = 320;
  const bars = 240;
  const height = 160;
  const top = Math.max(fairShareMs, ...shares.map((s) => s.spokenMs), 1);
  const gap = 8;
  const bar = Math.max(10, Math.floor((bars - gap * (shares.length + 1)) / shares.length));
  const y = (ms: number) => height - Math.round((ms / top) * (height - 24));
  // Someone who did not speak still has a bar, just above the baseline.
  const barHeight = (ms: number) => Math.max(2, height - y(ms));
  return (
    <svg
      class="shares-chart"
      viewBox={`0 0 ${width} ${height + 20}`}
      role="img"
      aria-labelledby="shares-chart-title shares-chart-desc"
    >
      <title id="shares-chart-title">{t('speaking.chartTitle')}</title>
      <desc id="shares-chart-desc">
        {plural('speaking.chartDesc', shares.length, { fair: minutes(fairShareMs) })}
      </desc>
      {shares.map((s, i) => {
        const x = gap + i * (bar + gap);
        return (
          <g key={`${i}-${s.spokenMs}`}>
            <rect
              class={s.you ? 'bar you' : 'bar'}
              x={x}
              y={height - barHeight(s.spokenMs)}
              width={bar}
              height={barHeight(s.spokenMs)}
              rx="3"
            />
            {s.you ? (
              <text x={x + bar / 2} y={height + 15} text-anchor="middle" class="bar-label">
                {t('speaking.you')}
              </text>
            ) : null}
          </g>
        );
      })}
      <line class="baseline" x1="0" x2={bars} y1={height} y2={height} />
      <line
        class="fair-line"
        x1="0"
        x2={bars + 4}
        y1={y(fairShareMs)}
        y2={y(fairShareMs)}
        stroke-dasharray="6 4"
      />
      <text x={bars + 8} y={y(fairShareMs) + 4} class="fair-label">
        {t('speaking.fairShare')}
      </text>
    </svg>
  );
}

function Record({ initial }: { initial: SpeakingRecordView }) {
  const [r, setR] = useState(initial);
  const { group, you } = r;
  const partTitle = (id: string) => r.parts.find((p) => p.id === id)?.title ?? '';
  return (
    <Page title={t('speaking.title')} lead={t('speaking.lead')}>
      <p>
        <a href={`/meetings/${r.meetingId}`}>
          {t('speaking.back', { group: r.groupName, when: formatMeeting(r.startsAt) })}
        </a>
      </p>
      {r.session === 'none' ? (
        <p class="empty">{t('speaking.none')}</p>
      ) : (
        <>
          {r.session === 'running' ? <p class="muted">{t('speaking.running')}</p> : null}
          <section class="card panel" aria-labelledby="yours-title">
            <h2 id="yours-title">{t('speaking.yours')}</h2>
            {you ? (
              <>
                <p>
                  {t('speaking.youSpoke', {
                    time: minutes(you.spokenMs),
                    fair: minutes(group.fairShareMs),
                  })}
                </p>
                {you.byPart.some((p) => p.spokenMs > 0) ? (
                  <ul>
                    {you.byPart
                      .filter((p) => p.spokenMs > 0)
                      .map((p) => (
                        <li key={p.partId}>
                          {t('speaking.inPart', {
                            part: partTitle(p.partId),
                            time: minutes(p.spokenMs),
                          })}
                        </li>
                      ))}
                  </ul>
                ) : null}
                <p class="muted">
                  {you.lateMinutes === null
                    ? t('speaking.arrivalUnknown')
                    : you.lateMinutes > LATE_AFTER_MINUTES
                      ? plural('speaking.arrivedLate', you.lateMinutes)
                      : t('speaking.arrivedOnTime')}
                </p>
              </>
            ) : (
              <p class="muted">{t('speaking.notThere')}</p>
            )}
          </section>

          <section class="card panel" aria-labelledby="group-title">
            <h2 id="group-title">{t('speaking.group')}</h2>
            {group.equality ? (
              <p class="equality">
                <strong>{t(`speaking.equality.${group.equality.words}`)}</strong>{' '}
                {t('speaking.equalityFigures', {
                  gini: group.equality.gini.toFixed(2),
                  largest: group.equality.largestOverFair.toFixed(1),
                })}
              </p>
            ) : (
              <p class="muted">{t('speaking.noTime')}</p>
            )}
            {group.people > 0 && group.totalMs > 0 ? (
              <>
                <SharesChart r={r} />
                <ScrollTable label={t('speaking.tableLabel')}>
                  <table class="summary">
                    <caption class="visually-hidden">{t('speaking.tableLabel')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('speaking.person')}</th>
                        <th scope="col">{t('speaking.time')}</th>
                        <th scope="col">{t('speaking.ofFair')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {group.shares.map((s, i) => (
                        <tr key={`${i}-${s.spokenMs}`} class={s.you ? 'you' : undefined}>
                          <th scope="row">
                            {s.you ? t('speaking.you') : t('speaking.someone', { n: i + 1 })}
                          </th>
                          <td class="num">{minutes(s.spokenMs)}</td>
                          <td class="num">
                            {group.fairShareMs > 0
                              ? `${Math.round((s.spokenMs / group.fairShareMs) * 100)}%`
                              : '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
                <p class="small muted">{t('speaking.noNames')}</p>
              </>
            ) : null}
            <p>
              {plural('speaking.attendance', group.members, { came: group.people })}{' '}
              {group.late > 0 ? plural('speaking.late', group.late) : ''}
            </p>
            {r.parts.length > 0 ? (
              <>
                <h3>{t('speaking.parts')}</h3>
                <ul>
                  {r.parts.map((p) => (
                    <li key={p.id}>
                      {t('speaking.partTime', { part: p.title, time: minutes(p.spokenMs) })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {group.unaskedAdvice.length > 0 ? (
              <p>
                {group.unaskedAdvice
                  .map((a) => plural('speaking.advice', a.count, { part: a.title }))
                  .join(' ')}
              </p>
            ) : null}
          </section>

          {r.canReflect ? (
            <ReflectionForm meetingId={r.meetingId} reflection={r.reflection} onSaved={setR} />
          ) : null}

          {r.sharedReflections.length > 0 ? (
            <section aria-labelledby="shared-title">
              <h2 id="shared-title">{t('speaking.shared')}</h2>
              <ul class="responses">
                {r.sharedReflections.map((s) => (
                  <li key={s.userId}>
                    <span class="response-name">{s.name}</span>
                    {s.rating ? (
                      <span class="badge">{t('speaking.rated', { rating: s.rating })}</span>
                    ) : null}
                    <p class="small">“{s.words}”</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}

      {r.session !== 'none' ? (
        <p>
          {t('speaking.timeline')}{' '}
          <a href={timelineUrl(r.meetingId, 'csv')} download>
            {t('speaking.timelineCsv')}
          </a>{' '}
          ·{' '}
          <a href={timelineUrl(r.meetingId, 'json')} download="session-timeline.json">
            {t('speaking.timelineJson')}
          </a>
        </p>
      ) : null}

      {r.history.length > 1 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('speaking.history')}</h2>
          <ScrollTable label={t('speaking.history')}>
            <table class="summary">
              <thead>
                <tr>
                  <th scope="col">{t('speaking.meeting')}</th>
                  <th scope="col">{t('speaking.people')}</th>
                  <th scope="col">{t('speaking.howShared')}</th>
                  <th scope="col">{t('speaking.yourTime')}</th>
                  <th scope="col">{t('speaking.unasked')}</th>
                </tr>
              </thead>
              <tbody>
                {r.history.map((h) => (
                  <tr key={h.meetingId} class={h.meetingId === r.meetingId ? 'you' : undefined}>
                    <th scope="row">
                      <a href={`/meetings/${h.meetingId}/speaking`}>{formatMeeting(h.startsAt)}</a>
                    </th>
                    <td class="num">{h.people}</td>
                    <td>
                      {h.equality
                        ? `${t(`speaking.equality.${h.equality.words}`)} (${h.equality.gini.toFixed(2)})`
                        : t('speaking.noTimeShort')}
                    </td>
                    <td class="num">{h.yourMs === null ? '—' : formatClock(h.yourMs)}</td>
                    <td class="num">{h.unaskedAdvice}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ) : null}
    </Page>
  );
}

export default function SpeakingPage() {
  return (
    <RequireSignIn>
      <Speaking />
    </RequireSignIn>
  );
}
