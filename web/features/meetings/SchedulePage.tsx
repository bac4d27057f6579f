import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ScheduleOverview } from '../../../core/protocol/meetings';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { ScrollTable } from '../../components/ScrollTable';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatMeeting, viewerZone } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import {
  addRole,
  getSchedule,
  planRotaAgain,
  setNotReady as saveNotReady,
  setRoleInRota,
} from './api';
import { MeetingCard } from './MeetingCard';
import { PlanForm } from './PlanForm';

function Schedule() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const schedule = useLoad(() => getSchedule(id), [id]);
  return <Loaded state={schedule}>{(s) => <ScheduleView s={s} onChange={schedule.set} />}</Loaded>;
}

/** The group's meetings, its rota and roles, and (for stewards) planning more. */
function ScheduleView({
  s,
  onChange,
}: {
  s: ScheduleOverview;
  onChange: (next: ScheduleOverview) => void;
}) {
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const [notReady, setNotReady] = useState<string[] | null>(null);
  const [roleName, setRoleName] = useState('');

  const mine = notReady ?? s.myNotReady;
  const rotaRoles = s.roles.filter((r) => r.inRota);
  const scheduled = s.upcoming.filter((m) => m.status === 'scheduled');
  const [wholeRota, setWholeRota] = useState(false);
  const act = async (work: () => Promise<ScheduleOverview>, done: string) => {
    try {
      onChange(await work());
      setMessage({ text: done, tone: 'success' });
    } catch (error) {
      setMessage({ text: problemText(error), tone: 'warning' });
    }
  };

  const planned = (next: ScheduleOverview, added: number) => {
    onChange(next);
    setMessage({ text: t('plan.done', { count: added }), tone: 'success' });
    window.scrollTo(0, 0);
  };

  return (
    <Page title={t('meetings.title')} lead={t('meetings.lead', { group: s.groupName })}>
      <p class="small muted">
        {t('meetings.zoneNote', {
          zone: viewerZone.replace(/_/g, ' '),
          groupZone: s.timeZone.replace(/_/g, ' '),
        })}
      </p>
      <p>
        <a href={`/groups/${s.groupId}`}>{s.groupName}</a> ·{' '}
        <a href={`/groups/${s.groupId}/commitment`}>{t('meetings.commitmentLink')}</a>
      </p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('meetings.upcoming')}</h2>
        {s.upcoming.length === 0 ? (
          <p class="empty">{s.canManage ? t('meetings.noneSteward') : t('meetings.none')}</p>
        ) : (
          <ul class="meeting-list">
            {s.upcoming.map((m) => (
              <MeetingCard key={m.id} meeting={m} />
            ))}
          </ul>
        )}
      </section>

      {s.upcoming.length > 0 && rotaRoles.length > 0 ? (
        <section aria-labelledby="rota-title">
          <h2 id="rota-title">{t('rota.title')}</h2>
          <p class="muted">{t('rota.lead')}</p>
          <ScrollTable label={t('rota.title')}>
            <table class="rota">
              <thead>
                <tr>
                  <th scope="col">{t('rota.meeting')}</th>
                  {rotaRoles.map((r) => (
                    <th scope="col" key={r.id}>
                      {r.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scheduled.slice(0, wholeRota ? undefined : ROTA_FIRST).map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <a href={`/meetings/${m.id}`}>{formatMeeting(m.startsAt)}</a>
                    </th>
                    {rotaRoles.map((r) => {
                      const holder = m.roles.find((a) => a.roleId === r.id)?.holder;
                      return (
                        <td key={r.id} data-label={r.name}>
                          {holder ? (
                            holder.displayName
                          ) : (
                            <span class="muted">{t('rota.nobody')}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {scheduled.length > ROTA_FIRST && !wholeRota ? (
            <p>
              <button type="button" class="link-button" onClick={() => setWholeRota(true)}>
                {t('rota.showAll', { count: scheduled.length })}
              </button>
            </p>
          ) : null}
          {s.canManage ? (
            <button
              type="button"
              class="button secondary"
              onClick={() => void act(() => planRotaAgain(s.groupId), t('rota.planned'))}
            >
              {t('rota.planAgain')}
            </button>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t('roles.title')}</h2>
        <fieldset class="field">
          <legend>{t('roles.notReadyLegend')}</legend>
          <p class="hint">{t('roles.notReadyHint')}</p>
          {s.roles.map((r) => (
            <label class="check" key={r.id}>
              <input
                type="checkbox"
                checked={mine.includes(r.id)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  setNotReady(on ? [...mine, r.id] : mine.filter((x) => x !== r.id));
                }}
              />{' '}
              {r.name}
              {r.description ? <span class="muted small"> — {r.description}</span> : null}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          class="button secondary"
          onClick={() => void act(() => saveNotReady(s.groupId, mine), t('roles.saved'))}
        >
          {t('roles.save')}
        </button>

        {s.canManage ? (
          // Changing the group's roles is occasional: folded away until needed.
          <details class="card panel plan-more">
            <summary>{t('roles.manage')}</summary>
            <fieldset class="field">
              <legend>{t('roles.inRota')}</legend>
              {s.roles.map((r) => (
                <label class="check" key={r.id}>
                  <input
                    type="checkbox"
                    checked={r.inRota}
                    onChange={(e) =>
                      void act(
                        () =>
                          setRoleInRota(
                            s.groupId,
                            r.id,
                            (e.currentTarget as HTMLInputElement).checked,
                          ),
                        t('rota.planned'),
                      )
                    }
                  />{' '}
                  {r.name}
                </label>
              ))}
            </fieldset>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void act(
                  () => addRole(s.groupId, { name: roleName, description: null }),
                  t('roles.added'),
                ).then(() => setRoleName(''));
              }}
            >
              <div class="field">
                <label for="role-name">{t('roles.name')}</label>
                <input
                  id="role-name"
                  value={roleName}
                  onInput={(e) => setRoleName((e.currentTarget as HTMLInputElement).value)}
                />
              </div>
              <button type="submit" class="button secondary">
                {t('roles.add')}
              </button>
            </form>
          </details>
        ) : null}
      </section>

      {s.canManage ? (
        s.upcoming.length === 0 ? (
          <PlanForm schedule={s} onPlanned={planned} />
        ) : (
          // With meetings planned, planning more is one tap away rather than a long form.
          <details class="card panel plan-more">
            <summary>{t('plan.more')}</summary>
            <PlanForm schedule={s} onPlanned={planned} />
          </details>
        )
      ) : null}

      {s.past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t('meetings.past')}</h2>
          <ul class="meeting-list">
            {s.past.map((m) => (
              <MeetingCard key={m.id} meeting={m} />
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

/** The rota shows the next few meetings; the rest on request (it is long on a phone). */
const ROTA_FIRST = 3;

export default function SchedulePage() {
  return (
    <RequireSignIn>
      <Schedule />
    </RequireSignIn>
  );
}
