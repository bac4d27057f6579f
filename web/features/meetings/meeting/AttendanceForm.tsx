import { useState } from 'preact/hooks';
import type { AttendanceStatus } from '../../../../core/domain/meetings';
import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { t } from '../../../i18n/t';
import { localInZone } from '../../../lib/time';
import { recordAttendance } from '../api';
import type { Act } from './act';

type Row = { status: AttendanceStatus; arrivedAt: string };

/** The facilitator (or a steward) records who came and when they arrived. */
export function AttendanceForm({ m, act }: { m: MeetingDetail; act: Act }) {
  const [changed, setChanged] = useState<Record<string, Row>>({});
  /** A row: what was chosen here, else what was recorded, else on time. */
  const rowOf = (p: MeetingDetail['attendance'][number]): Row => ({
    status: changed[p.userId]?.status ?? p.status ?? 'present',
    arrivedAt:
      changed[p.userId]?.arrivedAt ?? localInZone(p.arrivedAt ?? m.startsAt, m.timeZone).slice(11),
  });
  return (
    <section aria-labelledby="attendance-title" class="card panel">
      <h2 id="attendance-title">{t('meeting.attendanceTitle')}</h2>
      <p class="muted">{t('meeting.attendanceLead')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const records = m.attendance.map((p) => {
            const { status, arrivedAt } = rowOf(p);
            return {
              userId: p.userId,
              status,
              arrivedAt: status === 'present' && arrivedAt ? arrivedAt : null,
            };
          });
          void act(() => recordAttendance(m.id, records), t('meeting.attendanceSaved'));
        }}
      >
        {m.attendance.map((p) => {
          const row = rowOf(p);
          const set = (next: Partial<Row>) =>
            setChanged({ ...changed, [p.userId]: { ...row, ...next } });
          return (
            <fieldset class="field attendance-row" key={p.userId}>
              <legend>{p.displayName}</legend>
              <label class="check">
                <input
                  type="radio"
                  name={`att-${p.userId}`}
                  checked={row.status === 'present'}
                  onChange={() => set({ status: 'present' })}
                />{' '}
                {t('meeting.present')}
              </label>
              <label class="check">
                <input
                  type="radio"
                  name={`att-${p.userId}`}
                  checked={row.status === 'absent'}
                  onChange={() => set({ status: 'absent' })}
                />{' '}
                {t('meeting.absent')}
              </label>
              {row.status === 'present' ? (
                <label class="inline">
                  {t('meeting.arrived')}{' '}
                  <input
                    type="time"
                    value={row.arrivedAt}
                    onInput={(e) => set({ arrivedAt: (e.currentTarget as HTMLInputElement).value })}
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
  );
}
