import { useState } from 'preact/hooks';
import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { t } from '../../../i18n/t';
import { answerSwap, askForSwap } from '../api';
import type { Act } from './act';

/** Who holds which role, asking someone to swap one of yours, and swaps waiting on you. */
export function Roles({ m, myId, act }: { m: MeetingDetail; myId: string | undefined; act: Act }) {
  const [swapRole, setSwapRole] = useState<string | null>(null);
  const [swapTo, setSwapTo] = useState('');
  const others = m.rsvps.filter((p) => p.userId !== myId);
  return (
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
                        () => askForSwap(m.id, { roleId: r.roleId, toUserId: swapTo, note: null }),
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
                  onClick={() => void act(() => answerSwap(s.id, 'accept'), t('meeting.swapDone'))}
                >
                  {t('meeting.swapAccept')}
                </button>{' '}
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() => void act(() => answerSwap(s.id, 'decline'), t('meeting.swapDone'))}
                >
                  {t('meeting.swapDecline')}
                </button>
              </p>
            ) : s.from.userId === myId ? (
              <button
                type="button"
                class="button secondary small"
                onClick={() => void act(() => answerSwap(s.id, 'cancel'), t('meeting.swapDone'))}
              >
                {t('meeting.swapWithdraw')}
              </button>
            ) : null}
          </div>
        ))}
    </section>
  );
}
