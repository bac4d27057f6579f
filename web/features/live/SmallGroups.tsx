import { useEffect, useRef, useState } from 'preact/hooks';
import type { BreakoutMode } from '../../../core/domain/liveCommands';
import type { BreakoutsView, RoomView, SmallRoomView } from '../../../core/protocol/live';
import { Choices } from '../../components/Choices';
import { Notice } from '../../components/Notice';
import { plural, t } from '../../i18n/t';
import { formatClock } from '../../lib/time';
import { getGroupNotes, saveGroupNotes } from '../meetings/api';
import type { LiveSession } from './connection';

type Group = BreakoutsView['groups'][number];

const nameIn = (room: RoomView, id: string) =>
  room.participants.find((p) => p.userId === id)?.name ?? t('live.someone');

/**
 * The facilitator (or any member, where the group allows it) proposes small groups: how people
 * get into them, how big, how long. `member` words it for a member proposing.
 */
export function ProposeSmallGroups({
  session,
  member = false,
}: {
  session: LiveSession;
  member?: boolean;
}) {
  const [mode, setMode] = useState<BreakoutMode>('choose');
  const [size, setSize] = useState('2');
  const [minutes, setMinutes] = useState('10');
  const [names, setNames] = useState('');
  const [joins, setJoins] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <details class="propose-groups">
      <summary>{t('groups.propose')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const m = Number(minutes);
          if (!Number.isInteger(m) || m < 1 || m > 90) {
            setProblem(t('groups.minutesRange'));
            return;
          }
          setProblem(null);
          const given = names
            .split('\n')
            .map((n) => n.trim())
            .filter(Boolean)
            .slice(0, 20);
          void session.send({
            type: 'proposeBreakouts',
            mode,
            size: Number(size),
            minutes: m,
            ...(given.length > 0 ? { names: given } : {}),
            facilitatorJoins: joins,
          });
        }}
      >
        {problem ? <Notice tone="warning">{problem}</Notice> : null}
        <Choices<BreakoutMode>
          name="groups-mode"
          legend={t('groups.how')}
          value={mode}
          onChange={setMode}
          options={(['choose', 'deal', 'hand'] as const).map((v) => ({
            value: v,
            label: t(`groups.mode.${v}`),
            hint: t(`groups.mode.${v}Hint`),
          }))}
        />
        <div class="field">
          <label for="groups-size">{t('groups.size')}</label>
          <select id="groups-size" value={size} onChange={(e) => setSize(e.currentTarget.value)}>
            <option value="2">{t('groups.pairs')}</option>
            <option value="3">{t('groups.threes')}</option>
            <option value="4">{t('groups.fours')}</option>
          </select>
        </div>
        <div class="field">
          <label for="groups-minutes">{t('groups.minutes')}</label>
          <input
            id="groups-minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            value={minutes}
            onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="groups-names">{t('groups.names')}</label>
          <textarea
            id="groups-names"
            rows={2}
            aria-describedby="groups-names-hint"
            value={names}
            onInput={(e) => setNames((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <p class="hint" id="groups-names-hint">
            {t('groups.namesHint')}
          </p>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={joins}
            onChange={(e) => setJoins(e.currentTarget.checked)}
          />{' '}
          {t(member ? 'groups.facilitatorJoinsMember' : 'groups.facilitatorJoins')}
        </label>
        <button type="submit" class="button primary">
          {t('groups.proposeNow')}
        </button>
      </form>
    </details>
  );
}

/**
 * Small groups, as everyone sees them: forming (choose one, or see where you were placed),
 * or running (your own group's room, or the main room while the others talk).
 */
export function SmallGroups({
  room,
  you,
  now,
  session,
  isFacilitator,
}: {
  room: RoomView;
  you: string;
  now: number;
  session: LiveSession;
  isFacilitator: boolean;
}) {
  const b = room.breakouts;
  if (!b) return null;
  // The facilitator runs small groups; so does a member who proposed these.
  const runs = isFacilitator || b.proposedBy === you;
  const mine = b.groups.find((g) => g.members.includes(you));
  if (b.status === 'forming') {
    return (
      <section class="card panel small-groups" aria-labelledby="groups-title">
        <h2 id="groups-title">{t('groups.forming')}</h2>
        {b.proposedBy ? (
          <p class="small muted">
            {b.proposedBy === you
              ? t('groups.proposedByYou')
              : t('groups.proposedBy', { name: nameIn(room, b.proposedBy) })}
          </p>
        ) : null}
        <p>{t(`groups.formingLead.${b.mode}`, { minutes: b.minutes })}</p>
        <ul class="group-cards">
          {b.groups.map((g) => (
            <li key={g.id} class={g.id === mine?.id ? 'card mine' : 'card'}>
              <h3 id={`group-${g.id}`}>{g.name}</h3>
              <p class="small muted">
                {plural('groups.places', g.cap, { taken: g.members.length })}
              </p>
              <p class="small">
                {g.members.length > 0
                  ? g.members.map((id) => nameIn(room, id)).join(', ')
                  : t('groups.nobodyYet')}
              </p>
              {b.mode === 'choose' && g.id !== mine?.id ? (
                <button
                  type="button"
                  class="button secondary small"
                  aria-describedby={`group-${g.id}`}
                  disabled={g.members.length >= g.cap}
                  onClick={() => void session.send({ type: 'chooseGroup', groupId: g.id })}
                >
                  {g.members.length >= g.cap ? t('groups.full') : t('groups.choose')}
                </button>
              ) : g.id === mine?.id ? (
                <p class="small">
                  <strong>{t('groups.yourChoice')}</strong>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {runs && b.mode === 'hand' ? <PlaceByHand room={room} b={b} session={session} /> : null}
        {runs ? (
          <div class="actions">
            <button
              type="button"
              class="button primary"
              onClick={() => void session.send({ type: 'startBreakouts' })}
            >
              {t('groups.start')}
            </button>
            <button
              type="button"
              class="button secondary"
              onClick={() => void session.send({ type: 'cancelBreakouts' })}
            >
              {t('groups.cancel')}
            </button>
          </div>
        ) : null}
      </section>
    );
  }

  const inGroup = mine && !mine.closed && !b.back.includes(you) && mine.room;
  const open = b.groups.filter((g) => !g.closed);
  const until = Math.max(0, ...open.map((g) => g.endsAt ?? 0));
  return (
    <>
      {inGroup && mine.room ? (
        <GroupRoom
          group={mine}
          room={mine.room}
          main={room}
          you={you}
          now={now}
          session={session}
        />
      ) : (
        <section class="card panel small-groups" aria-labelledby="groups-title">
          <h2 id="groups-title">{t('groups.underWay')}</h2>
          <p>{t('groups.inMain', { left: formatClock(Math.max(0, until - now)) })}</p>
          <ul class="group-cards">
            {open.map((g) => (
              <li key={g.id} class="card">
                <h3 id={`group-${g.id}`}>{g.name}</h3>
                <p class="small">{g.members.map((id) => nameIn(room, id)).join(', ')}</p>
                {g.members.length < g.cap && (!mine || b.back.includes(you)) ? (
                  <button
                    type="button"
                    class="button secondary small"
                    aria-describedby={`group-${g.id}`}
                    onClick={() => void session.send({ type: 'chooseGroup', groupId: g.id })}
                  >
                    {t('groups.goIn')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      {runs ? (
        <p>
          <button
            type="button"
            class="button secondary"
            onClick={() => void session.send({ type: 'endBreakouts' })}
          >
            {t('groups.bringBack')}
          </button>
        </p>
      ) : null}
    </>
  );
}

function PlaceByHand({
  room,
  b,
  session,
}: {
  room: RoomView;
  b: BreakoutsView;
  session: LiveSession;
}) {
  const people = room.participants.filter(
    (p) => p.present && !p.observer && (b.facilitatorJoins || p.userId !== room.facilitatorId),
  );
  return (
    <fieldset class="field place-by-hand">
      <legend>{t('groups.place')}</legend>
      {people.map((p) => {
        const current = b.groups.find((g) => g.members.includes(p.userId))?.id ?? '';
        return (
          <div class="field" key={p.userId}>
            <label for={`place-${p.userId}`}>{p.name}</label>
            <select
              id={`place-${p.userId}`}
              value={current}
              onChange={(e) =>
                void session.send({
                  type: 'placeInGroup',
                  userId: p.userId,
                  groupId: e.currentTarget.value || null,
                })
              }
            >
              <option value="">{t('groups.dealLater')}</option>
              {b.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Your small group: its own turns and countdown, and nobody in charge. */
function GroupRoom({
  group,
  room,
  main,
  you,
  now,
  session,
}: {
  group: Group;
  room: SmallRoomView;
  main: RoomView;
  you: string;
  now: number;
  session: LiveSession;
}) {
  const left = group.endsAt !== null ? group.endsAt - now : 0;
  const turn = room.turn;
  const speaking = turn ? nameIn(main, turn.speakerId) : null;
  const myHand = room.hands.some((h) => h.userId === you);
  const agreed = group.extendAgreed.includes(you);
  const inGroup = (command: Parameters<LiveSession['send']>[0] & { type: string }) =>
    void session.send({ type: 'inGroup', command: command as never });
  return (
    <section class="card panel small-group-room" aria-labelledby="group-room-title">
      <h2 id="group-room-title">{t('groups.yourGroup', { name: group.name })}</h2>
      {group.warned === 2 ? (
        <Notice tone="warning">{t('groups.tenSeconds')}</Notice>
      ) : group.warned === 1 ? (
        <Notice tone="info">{t('groups.oneMinute')}</Notice>
      ) : null}
      <p class="phase-clock">{t('groups.timeLeft')}</p>
      <p class="clock small-clock-group" aria-hidden="true">
        {formatClock(Math.max(0, left))}
      </p>
      <p class="small">
        {t('groups.with', {
          names:
            group.members
              .filter((id) => id !== you)
              .map((id) => nameIn(main, id))
              .join(', ') || t('groups.justYou'),
        })}
      </p>
      {turn ? (
        <p class="turn-mode">
          {turn.speakerId === you
            ? t('groups.yourTurn', { left: formatClock(Math.max(0, turn.endsAt - now)) })
            : t('groups.speaking', { name: speaking ?? '' })}
        </p>
      ) : room.waiting.length > 0 ? (
        <p class="muted">{t('groups.next', { name: nameIn(main, room.waiting[0] ?? '') })}</p>
      ) : (
        <p class="muted">{t('groups.allSpoken')}</p>
      )}
      <div class="actions">
        {turn?.speakerId === you ? (
          <button type="button" class="button primary" onClick={() => inGroup({ type: 'endTurn' })}>
            {t('live.endMyTurn')}
          </button>
        ) : !turn && room.waiting.length > 0 ? (
          <button
            type="button"
            class="button primary"
            onClick={() => inGroup({ type: 'startTurn' })}
          >
            {t('groups.startNext', { name: nameIn(main, room.waiting[0] ?? '') })}
          </button>
        ) : null}
        {!turn?.speakerId || turn.speakerId !== you ? (
          <button
            type="button"
            class="button secondary"
            aria-pressed={myHand ? 'true' : 'false'}
            onClick={() => inGroup({ type: 'hand', raised: !myHand })}
          >
            {myHand ? t('live.lowerHand') : t('live.raiseHand')}
          </button>
        ) : null}
        {group.extended ? (
          <p class="small muted">{t('groups.extended')}</p>
        ) : (
          <button
            type="button"
            class="button secondary"
            aria-pressed={agreed ? 'true' : 'false'}
            disabled={agreed}
            onClick={() => void session.send({ type: 'agreeExtend' })}
          >
            {agreed
              ? t('groups.extendWaiting', {
                  count: group.extendAgreed.length,
                  of: group.members.length,
                })
              : t('groups.extend')}
          </button>
        )}
        <button
          type="button"
          class="button secondary"
          onClick={() => void session.send({ type: 'backToMain' })}
        >
          {t('groups.back')}
        </button>
      </div>
      <GroupNotes main={main} group={group} you={you} session={session} />
    </section>
  );
}

const SAVE_AFTER_MS = 800;

/** The small group's own notes: saved as people type, shared only if they all choose. */
function GroupNotes({
  main,
  group,
  you,
  session,
}: {
  main: RoomView;
  group: Group;
  you: string;
  session: LiveSession;
}) {
  const breakoutsId = main.breakouts?.id ?? '';
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    getGroupNotes(main.meetingId, breakoutsId, group.id).then(
      (v) => setText((now) => now ?? v.text),
      () => setText((now) => now ?? ''),
    );
  }, [main.meetingId, breakoutsId, group.id]);
  const save = (value: string) => {
    setState('saving');
    saveGroupNotes(main.meetingId, breakoutsId, group.id, value).then(
      () => setState('saved'),
      () => setState('failed'),
    );
  };
  const sharing = group.shareAgreed.includes(you);
  return (
    <div class="group-notes">
      <div class="field">
        <label for="group-notes">{t('groups.notes')}</label>
        <textarea
          id="group-notes"
          rows={3}
          maxLength={4000}
          aria-describedby="group-notes-hint"
          value={text ?? ''}
          disabled={text === null}
          onInput={(e) => {
            const value = (e.currentTarget as HTMLTextAreaElement).value;
            setText(value);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => save(value), SAVE_AFTER_MS);
          }}
        />
        <p class="hint" id="group-notes-hint">
          {state === 'saving'
            ? t('observer.saving')
            : state === 'saved'
              ? t('groups.notesSaved')
              : state === 'failed'
                ? t('groups.notesFailed')
                : t('groups.notesHint')}
        </p>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={sharing}
          onChange={(e) =>
            void session.send({ type: 'shareNotes', share: e.currentTarget.checked })
          }
        />{' '}
        {t('groups.share', { count: group.shareAgreed.length, of: group.members.length })}
      </label>
    </div>
  );
}

/** Back in the main room: the notes the small groups chose to share. */
export function SharedGroupNotes({ room }: { room: RoomView }) {
  const last = room.lastBreakouts;
  const shared = room.breakouts === null ? (last?.groups.filter((g) => g.shared) ?? []) : [];
  const [notes, setNotes] = useState<Record<string, string>>({});
  const key = shared.map((g) => g.id).join(',');
  useEffect(() => {
    if (!last) return;
    for (const g of shared) {
      getGroupNotes(room.meetingId, last.id, g.id).then(
        (v) => setNotes((all) => ({ ...all, [g.id]: v.text })),
        () => {},
      );
    }
  }, [room.meetingId, last?.id, key]);
  if (shared.length === 0) return null;
  return (
    <section class="card panel" aria-labelledby="shared-notes-title">
      <h2 id="shared-notes-title">{t('groups.sharedNotes')}</h2>
      {shared.map((g) => (
        <div key={g.id}>
          <h3>{g.name}</h3>
          <p class="pre-line">{notes[g.id] || t('groups.noNotes')}</p>
        </div>
      ))}
    </section>
  );
}
