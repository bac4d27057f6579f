import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { MeetingDetail } from '../../../core/protocol/meetings';
import { ApiError, api } from '../../app/api';
import { me } from '../../app/session';
import { Choices } from '../../components/Choices';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n/t';
import NotFoundPage from '../help/NotFoundPage';
import { formatMeeting, localInZone } from './time';

type Rsvp = 'going' | 'maybe' | 'not_going';

function Meeting() {
  const { params } = useRoute();
  const id = params.meetingId ?? '';
  const meeting = useAsync(
    () => api<MeetingDetail>('GET', `/api/meetings/${encodeURIComponent(id)}`),
    [id],
  );
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const [rsvp, setRsvp] = useState<Rsvp | null>(null);
  const [rsvpNote, setRsvpNote] = useState<string | null>(null);
  const [swapRole, setSwapRole] = useState<string | null>(null);
  const [swapTo, setSwapTo] = useState('');
  const [attendance, setAttendance] = useState<
    Record<string, { status: 'present' | 'absent'; arrivedAt: string }>
  >({});
  const [newStart, setNewStart] = useState<string | null>(null);
  const [changeNote, setChangeNote] = useState('');
  const [cancelNote, setCancelNote] = useState('');

  if (meeting.error?.status === 404) return <NotFoundPage />;
  if (!meeting.data)
    return meeting.error ? <Notice tone="warning">{meeting.error.message}</Notice> : <Loading />;
  const m = meeting.data;
  const myId = me.value?.id;
  const act = async (work: () => Promise<MeetingDetail>, done: string) => {
    try {
      meeting.set(await work());
      setMessage({ text: done, tone: 'success' });
    } catch (error) {
      setMessage({
        text: error instanceof ApiError ? error.message : t('error.text'),
        tone: 'warning',
      });
    }
  };
  const url = `/api/meetings/${m.id}`;
  /** A row of the attendance form: what was chosen here, else what was recorded, else on time. */
  const attendanceOf = (p: MeetingDetail['attendance'][number]) => ({
    status: attendance[p.userId]?.status ?? p.status ?? 'present',
    arrivedAt:
      attendance[p.userId]?.arrivedAt ??
      localInZone(p.arrivedAt ?? m.startsAt, m.timeZone).slice(11),
  });
  const cancelled = m.status === 'cancelled';
  const others = m.rsvps.filter((p) => p.userId !== myId);

  return (
    <Page title={t('meeting.title', { group: m.groupName, when: formatMeeting(m.startsAt) })}>
      <p>
        <a href={`/groups/${m.groupId}/meetings`}>{t('meeting.back', { group: m.groupName })}</a>
      </p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {cancelled ? <Notice tone="warning">{t('meeting.cancelledNotice')}</Notice> : null}
      {m.changeNote ? <p>{t('meeting.note', { note: m.changeNote })}</p> : null}
      {cancelled ? null : (
        <section class="card panel" aria-labelledby="live-title">
          <h2 id="live-title">{t('live.title')}</h2>
          <p>{t('live.openHint')}</p>
          <a class="button primary" href={`/meetings/${m.id}/live`}>
            {t('live.open')}
          </a>
        </section>
      )}
      {m.originalStartsAt ? (
        <p class="muted">{t('meeting.originally', { when: formatMeeting(m.originalStartsAt) })}</p>
      ) : null}

      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('meeting.where')}</h2>
        {m.venue.kind !== 'online' ? (
          <p>
            {[m.venue.name, m.venue.address].filter(Boolean).join(', ')}
            {m.venue.accessNotes ? (
              <>
                <br />
                <span class="muted">{t('meeting.access', { notes: m.venue.accessNotes })}</span>
              </>
            ) : null}
          </p>
        ) : null}
        {m.venue.kind !== 'in_person' ? (
          m.venue.onlineUrl ? (
            <p>
              <a class="button primary" href={m.venue.onlineUrl} rel="noopener noreferrer">
                {t('meeting.join')}
              </a>
            </p>
          ) : m.venue.linkLater ? (
            <p class="muted">{t('meeting.linkLater')}</p>
          ) : null
        ) : null}
        <p>
          <a class="button secondary" href={`${url}/ics`} download="meeting.ics">
            {t('meeting.calendar')}
          </a>
        </p>
      </section>

      {m.agenda.length > 0 ? (
        <section aria-labelledby="agenda-title">
          <h2 id="agenda-title">{t('meeting.agenda')}</h2>
          <ul>
            {m.agenda.map((a) => (
              <li key={a.proposalId}>
                <a href={`/groups/${m.groupId}/agreement/proposals/${a.proposalId}`}>{a.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t('meeting.roles')}</h2>
        <ul class="role-list">
          {m.roles.map((r) => {
            const isMine = r.holder?.userId === myId;
            return (
              <li key={r.roleId}>
                <strong>{r.roleName}</strong>: {r.holder ? r.holder.displayName : t('rota.nobody')}{' '}
                {isMine ? <span class="muted">{t('meeting.you')}</span> : null}
                {isMine && m.can.rsvp ? (
                  swapRole === r.roleId ? (
                    <form
                      class="swap-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void act(
                          () => api('POST', `${url}/swaps`, { roleId: r.roleId, toUserId: swapTo }),
                          t('meeting.swapSent'),
                        ).then(() => setSwapRole(null));
                      }}
                    >
                      <label for={`swap-${r.roleId}`}>{t('meeting.swapWho')}</label>
                      <select
                        id={`swap-${r.roleId}`}
                        value={swapTo}
                        onChange={(e) => setSwapTo((e.currentTarget as HTMLSelectElement).value)}
                      >
                        <option value="">—</option>
                        {others.map((p) => (
                          <option key={p.userId} value={p.userId}>
                            {p.displayName}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button secondary small">
                        {t('meeting.swapSend')}
                      </button>
                    </form>
                  ) : (
                    <button
                      type="button"
                      class="button secondary small"
                      onClick={() => setSwapRole(r.roleId)}
                    >
                      {t('meeting.swapAsk')}
                    </button>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
        {m.swaps
          .filter((s) => s.status === 'pending')
          .map((s) => (
            <div class="card panel" key={s.id}>
              <p>
                {t('meeting.swapFor', {
                  from: s.from.displayName,
                  to: s.to.displayName,
                  role: s.roleName,
                })}
              </p>
              {s.note ? <p class="small">“{s.note}”</p> : null}
              {s.to.userId === myId ? (
                <p class="actions">
                  <button
                    type="button"
                    class="button primary small"
                    onClick={() =>
                      void act(
                        () => api('POST', `/api/swaps/${s.id}/accept`),
                        t('meeting.swapDone'),
                      )
                    }
                  >
                    {t('meeting.swapAccept')}
                  </button>{' '}
                  <button
                    type="button"
                    class="button secondary small"
                    onClick={() =>
                      void act(
                        () => api('POST', `/api/swaps/${s.id}/decline`),
                        t('meeting.swapDone'),
                      )
                    }
                  >
                    {t('meeting.swapDecline')}
                  </button>
                </p>
              ) : s.from.userId === myId ? (
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() =>
                    void act(() => api('POST', `/api/swaps/${s.id}/cancel`), t('meeting.swapDone'))
                  }
                >
                  {t('meeting.swapWithdraw')}
                </button>
              ) : null}
            </div>
          ))}
      </section>

      {m.can.rsvp ? (
        <section aria-labelledby="rsvp-title" class="card panel">
          <h2 id="rsvp-title">{t('meeting.rsvpTitle')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () =>
                  api('PUT', `${url}/rsvp`, {
                    response: rsvp ?? m.myRsvp ?? 'going',
                    note: (rsvpNote ?? m.myRsvpNote) || null,
                  }),
                t('meeting.rsvpSaved'),
              );
            }}
          >
            <Choices<Rsvp>
              name="rsvp"
              legend={t('meeting.rsvpTitle')}
              hideLegend
              value={rsvp ?? m.myRsvp}
              onChange={setRsvp}
              options={(['going', 'maybe', 'not_going'] as const).map((v) => ({
                value: v,
                label: t(`meetings.rsvp.${v}`),
                hint: '',
              }))}
            />
            <div class="field">
              <label for="rsvp-note">{t('meeting.rsvpNote')}</label>
              <input
                id="rsvp-note"
                value={rsvpNote ?? m.myRsvpNote ?? ''}
                onInput={(e) => setRsvpNote((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" class="button primary">
              {t('meeting.rsvpSave')}
            </button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="coming-title">
        <h2 id="coming-title">{t('meeting.whoComing')}</h2>
        <ul class="responses">
          {m.rsvps.map((p) => (
            <li key={p.userId}>
              <span class="response-name">{p.displayName}</span>{' '}
              <span class="badge">{t(`meetings.rsvp.${p.response ?? 'none'}`)}</span>
              {p.note ? <p class="small">“{p.note}”</p> : null}
            </li>
          ))}
        </ul>
      </section>

      {m.can.recordAttendance ? (
        <section aria-labelledby="attendance-title" class="card panel">
          <h2 id="attendance-title">{t('meeting.attendanceTitle')}</h2>
          <p class="muted">{t('meeting.attendanceLead')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const records = m.attendance.map((p) => {
                const { status, arrivedAt } = attendanceOf(p);
                return {
                  userId: p.userId,
                  status,
                  arrivedAt: status === 'present' && arrivedAt ? arrivedAt : null,
                };
              });
              void act(
                () => api('PUT', `${url}/attendance`, { records }),
                t('meeting.attendanceSaved'),
              );
            }}
          >
            {m.attendance.map((p) => {
              const { status, arrivedAt } = attendanceOf(p);
              const set = (next: Partial<{ status: 'present' | 'absent'; arrivedAt: string }>) =>
                setAttendance({ ...attendance, [p.userId]: { status, arrivedAt, ...next } });
              return (
                <fieldset class="field attendance-row" key={p.userId}>
                  <legend>{p.displayName}</legend>
                  <label class="check">
                    <input
                      type="radio"
                      name={`att-${p.userId}`}
                      checked={status === 'present'}
                      onChange={() => set({ status: 'present' })}
                    />{' '}
                    {t('meeting.present')}
                  </label>
                  <label class="check">
                    <input
                      type="radio"
                      name={`att-${p.userId}`}
                      checked={status === 'absent'}
                      onChange={() => set({ status: 'absent' })}
                    />{' '}
                    {t('meeting.absent')}
                  </label>
                  {status === 'present' ? (
                    <label class="inline">
                      {t('meeting.arrived')}{' '}
                      <input
                        type="time"
                        value={arrivedAt}
                        onInput={(e) =>
                          set({ arrivedAt: (e.currentTarget as HTMLInputElement).value })
                        }
                      />
                    </label>
                  ) : null}
                </fieldset>
              );
            })}
            <button type="submit" class="button primary">
              {t('meeting.attendanceSave')}
            </button>
          </form>
        </section>
      ) : null}

      {m.can.change ? (
        <details class="card panel">
          <summary>{t('meeting.change')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () => api('PATCH', url, { start: newStart ?? undefined, note: changeNote || null }),
                t('meeting.changed'),
              );
            }}
          >
            <div class="field">
              <label for="new-start">{t('meeting.newStart')}</label>
              <p class="hint" id="new-start-hint">
                {t('meeting.newStartHint', { zone: m.timeZone.replace(/_/g, ' ') })}
              </p>
              <input
                id="new-start"
                aria-describedby="new-start-hint"
                type="datetime-local"
                value={newStart ?? localInZone(m.startsAt, m.timeZone)}
                onInput={(e) => setNewStart((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="change-note">{t('meeting.changeNote')}</label>
              <input
                id="change-note"
                value={changeNote}
                onInput={(e) => setChangeNote((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" class="button secondary">
              {t('meeting.changeSave')}
            </button>
          </form>
        </details>
      ) : null}

      {m.can.cancel ? (
        <details class="card panel">
          <summary>{t('meeting.cancel')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () => api('POST', `${url}/cancel`, { note: cancelNote }),
                t('meeting.changed'),
              );
            }}
          >
            <div class="field">
              <label for="cancel-note">{t('meeting.cancelNote')}</label>
              <input
                id="cancel-note"
                value={cancelNote}
                onInput={(e) => setCancelNote((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" class="button secondary">
              {t('meeting.cancelYes')}
            </button>
          </form>
        </details>
      ) : null}
    </Page>
  );
}

export default function MeetingPage() {
  return (
    <RequireSignIn>
      <Meeting />
    </RequireSignIn>
  );
}
