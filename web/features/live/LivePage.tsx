import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { TURN_MODES, type TurnMode } from '../../../core/domain/liveCommands';
import { OWN_AGENDA_ID } from '../../../core/domain/liveTemplates';
import type { RoomView } from '../../../core/protocol/live';
import { Choices } from '../../components/Choices';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading, Notice } from '../../components/Notice';
import { RequireSignIn } from '../../components/RequireSignIn';
import { plural, t } from '../../i18n/t';
import { formatClock } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getSpeakingRecord } from '../meetings/api';
import { ReflectionForm } from '../meetings/ReflectionForm';
import { CallPanel } from './call/CallPanel';
import { type LiveSession, openLiveSession } from './connection';
import { ObserverNotesForFacilitator, ObserverPanel } from './ObserverPanel';
import { ProposeSmallGroups, SharedGroupNotes, SmallGroups } from './SmallGroups';

/** The server's "now", ticking locally once a second: no messages needed to count down. */
function useServerNow(offset: number): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), 250);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}

function nameOf(room: RoomView, userId: string | null | undefined): string {
  return room.participants.find((p) => p.userId === userId)?.name ?? t('live.someone');
}

/** A soft two-note chime, only if the person turned sound on. */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, freq] of [523.25, 659.25].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.08, audio.currentTime + i * 0.25 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.25 + 0.9);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.25);
      osc.stop(audio.currentTime + i * 0.25 + 1);
    }
  } catch {
    /* no sound available: the visual cue is enough */
  }
}

function ChoiceForm({ room, you, session }: { room: RoomView; you: string; session: LiveSession }) {
  const mine = room.choices[you];
  const [mode, setMode] = useState<TurnMode>(
    mine?.mode && mine.mode !== 'pass' ? mine.mode : 'listen',
  );
  const [from, setFrom] = useState(mine?.feedbackFrom ?? '');
  const [focus, setFocus] = useState(mine?.focus ?? '');
  const [saved, setSaved] = useState(false);
  const others = room.participants.filter((p) => p.present && p.userId !== you && !p.observer);
  return (
    <form
      class="card panel"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void session
          .send({
            type: 'choose',
            choice: {
              mode,
              feedbackFrom: mode === 'feedback' && from ? from : null,
              focus: mode === 'feedback' || mode === 'coaching' ? focus.trim() || null : null,
            },
          })
          .then(setSaved);
      }}
    >
      <h2>{t('live.yourTurnTitle')}</h2>
      <Choices
        name="turn-mode"
        legend={t('live.yourTurnLegend')}
        options={TURN_MODES.filter((value) => value !== 'pass').map((value) => ({
          value,
          label: t(`live.mode.${value}`),
          hint: t(`live.mode.${value}Hint`),
        }))}
        value={mode}
        onChange={setMode}
      />
      {mode === 'feedback' ? (
        <div class="field">
          <label for="feedback-from">{t('live.feedbackFrom')}</label>
          <select id="feedback-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            <option value="">{t('live.everyone')}</option>
            {others.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {mode === 'feedback' || mode === 'coaching' ? (
        <div class="field">
          <label for="focus">{t('live.focus')}</label>
          <input
            id="focus"
            value={focus}
            maxLength={280}
            onInput={(e) => setFocus(e.currentTarget.value)}
          />
        </div>
      ) : null}
      {saved ? <p class="small">{t('live.choiceSaved')}</p> : null}
      <button type="submit" class="button secondary">
        {t('live.saveChoice')}
      </button>
    </form>
  );
}

function AgendaChoice({ room, session }: { room: RoomView; session: LiveSession }) {
  const [templateId, setTemplateId] = useState(room.templates[0]?.id ?? '');
  return (
    <div class="field agenda-choice">
      <label for="agenda-template">{t('live.agendaChoice')}</label>
      <div class="copy-row">
        <select
          id="agenda-template"
          value={templateId}
          onChange={(e) => setTemplateId(e.currentTarget.value)}
        >
          {room.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.id === OWN_AGENDA_ID ? t('live.ownAgenda') : template.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="button secondary"
          onClick={() => void session.send({ type: 'useTemplate', templateId })}
        >
          {t('live.useAgenda')}
        </button>
      </div>
    </div>
  );
}

/** The agenda, open to everyone before and during the session: parts, their times, guides. */
function Agenda({ room }: { room: RoomView }) {
  return (
    <details class="card panel" open={room.status === 'waiting'}>
      <summary>{t('live.agendaForAll')}</summary>
      <ol class="agenda agenda-open">
        {room.phases.map((p, i) => (
          <li key={p.id} aria-current={i === room.phaseIndex ? 'step' : undefined}>
            {t('live.phaseMinutes', { title: p.title, minutes: Math.round(p.plannedMs / 60_000) })}
            {p.guide ? <p class="guide small muted">{p.guide}</p> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** When the session has ended: no clocks, no controls; what happened, and the way back. */
function Summary({ room, you }: { room: RoomView; you: string }) {
  const held = room.held
    .map((id) => room.phases.find((p) => p.id === id))
    .filter((p) => p !== undefined);
  const people = room.participants.filter((p) => !p.observer);
  return (
    <div class="live">
      <section class="card panel" aria-labelledby="summary-title">
        <h1 id="summary-title" tabIndex={-1}>
          {t('live.summary.title')}
        </h1>
        <p>{t('live.summary.thanks', { group: room.groupName })}</p>
        <h2>{t('live.summary.parts')}</h2>
        {held.length === 0 ? (
          <p class="muted">{t('live.summary.noParts')}</p>
        ) : (
          <ol>
            {held.map((p) => (
              <li key={p.id}>{p.title}</li>
            ))}
          </ol>
        )}
        <p>
          <a href={`/meetings/${room.meetingId}/speaking`}>{t('live.summary.time')}</a>
        </p>
        <p>
          <a class="button primary" href={`/meetings/${room.meetingId}`}>
            {t('live.summary.back')}
          </a>
        </p>
      </section>
      {people.some((p) => p.userId === you) ? <CheckOut meetingId={room.meetingId} /> : null}
    </div>
  );
}

/**
 * Asked when the session asks it (focus groups do at the start): does this person agree to be
 * observed? Until they answer it stands out; after, a line says what they chose, and they can
 * change it at any time.
 */
function ObservationConsent({
  room,
  you,
  session,
}: {
  room: RoomView;
  you: string;
  session: LiveSession;
}) {
  const answer = room.observationConsent[you];
  const observer = nameOf(room, room.observerId);
  const choose = (consent: boolean) => void session.send({ type: 'consentToObservation', consent });
  if (answer) {
    return (
      <p class="small">
        {t(answer === 'yes' ? 'live.consentYes' : 'live.consentNo', { name: observer })}{' '}
        <button type="button" class="link-button" onClick={() => choose(answer !== 'yes')}>
          {t(answer === 'yes' ? 'live.consentWithdraw' : 'live.consentGive')}
        </button>
      </p>
    );
  }
  return (
    <section class="card panel consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('live.consentTitle')}</h2>
      <p>{t('live.consentQuestion', { name: observer })}</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={() => choose(true)}>
          {t('live.consentAgree')}
        </button>
        <button type="button" class="button secondary" onClick={() => choose(false)}>
          {t('live.consentDecline')}
        </button>
      </div>
    </section>
  );
}

/** The check-out reflection, as the person left it (or empty). */
function CheckOut({ meetingId }: { meetingId: string }) {
  const record = useLoad(() => getSpeakingRecord(meetingId), [meetingId]);
  if (!record.data?.canReflect) return null;
  return <ReflectionForm meetingId={meetingId} reflection={record.data.reflection} />;
}

/**
 * In open discussion, the timekeeper (or facilitator) marks who is speaking now, one tap per
 * change: the record of who spoke comes from it (turns keep it in rounds).
 */
function SpeakingControl({ room, session }: { room: RoomView; session: LiveSession }) {
  const people = room.participants.filter((p) => p.present && !p.observer);
  const now = room.speaking?.userId ?? null;
  return (
    <section class="card panel speaking-control" aria-labelledby="speaking-control-title">
      <h2 id="speaking-control-title">{t('live.whoSpeaks')}</h2>
      <p class="small muted">{t('live.whoSpeaksHint')}</p>
      <div class="speaker-buttons">
        {people.map((p) => (
          <button
            key={p.userId}
            type="button"
            class="button secondary small"
            aria-pressed={now === p.userId ? 'true' : 'false'}
            onClick={() => void session.send({ type: 'speaking', userId: p.userId })}
          >
            {p.name}
          </button>
        ))}
        <button
          type="button"
          class="button secondary small"
          aria-pressed={now === null ? 'true' : 'false'}
          onClick={() => void session.send({ type: 'speaking', userId: null })}
        >
          {t('live.nobodySpeaking')}
        </button>
      </div>
    </section>
  );
}

/** The raised hands, in the order they went up; the facilitator can call on or lower each. */
function Hands({
  room,
  you,
  session,
  isFacilitator,
  listening,
}: {
  room: RoomView;
  you: string;
  session: LiveSession;
  isFacilitator: boolean;
  listening: boolean;
}) {
  const myHand = room.hands.find((h) => h.userId === you);
  const lowered = myHand ? undefined : room.handsLowered[you];
  return (
    <section aria-labelledby="hands-title">
      <h2 id="hands-title">{t('live.hands')}</h2>
      {lowered ? <Notice tone="info">{t(`live.handLowered.${lowered}`)}</Notice> : null}
      {room.hands.length === 0 ? (
        <p class="muted">{t('live.noHands')}</p>
      ) : (
        <ol class="queue">
          {room.hands.map((h) => (
            <li key={h.userId}>
              <span id={`hand-${h.userId}`}>{nameOf(room, h.userId)}</span>
              {isFacilitator ? (
                <span class="hand-actions">
                  <button
                    type="button"
                    class="button secondary small"
                    aria-describedby={`hand-${h.userId}`}
                    disabled={Boolean(room.turn)}
                    onClick={() => void session.send({ type: 'callOn', userId: h.userId })}
                  >
                    {t('live.callOn')}
                  </button>
                  <button
                    type="button"
                    class="button secondary small"
                    aria-describedby={`hand-${h.userId}`}
                    onClick={() => void session.send({ type: 'lowerHand', userId: h.userId })}
                  >
                    {t('live.lowerTheirHand')}
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        class="button secondary"
        aria-pressed={myHand ? 'true' : 'false'}
        disabled={!myHand && listening}
        onClick={() => void session.send({ type: 'hand', raised: !myHand })}
      >
        {myHand ? t('live.lowerHand') : t('live.raiseHand')}
      </button>
      {!myHand && listening ? <p class="small muted">{t('live.handsWait')}</p> : null}
    </section>
  );
}

function FacilitatorControls({ room, session }: { room: RoomView; session: LiveSession }) {
  const phase = room.phases[room.phaseIndex];
  const nextPhase = room.phaseIndex + 1 < room.phases.length ? room.phaseIndex + 1 : null;
  return (
    <section class="card panel facilitator" aria-labelledby="facilitate-title">
      <h2 id="facilitate-title">{t('live.facilitate')}</h2>
      <div class="actions">
        {phase?.kind === 'round' && !room.turn && room.waiting.length > 0 ? (
          <button
            type="button"
            class="button primary"
            onClick={() => void session.send({ type: 'startTurn' })}
          >
            {t('live.startTurn', { name: nameOf(room, room.waiting[0]) })}
          </button>
        ) : null}
        {phase?.kind === 'round' && !room.turn && room.waiting.length > 1 ? (
          <details class="choose-speaker">
            <summary>{t('live.chooseSpeaker')}</summary>
            <ul>
              {room.waiting.slice(1).map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    class="button secondary small"
                    onClick={() => void session.send({ type: 'startTurn', speakerId: id })}
                  >
                    {t('live.startTurnOf', { name: nameOf(room, id) })}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {room.turn ? (
          <button
            type="button"
            class="button primary"
            onClick={() => void session.send({ type: 'endTurn' })}
          >
            {t('live.endTurnFor', { name: nameOf(room, room.turn.speakerId) })}
          </button>
        ) : null}
        {nextPhase !== null ? (
          <button
            type="button"
            class="button secondary"
            onClick={() => void session.send({ type: 'startPhase', index: nextPhase })}
          >
            {t('live.startPhase', { title: room.phases[nextPhase]?.title ?? '' })}
          </button>
        ) : null}
        {phase && room.phaseEndsAt !== null ? (
          <>
            <button
              type="button"
              class="button secondary"
              onClick={() =>
                void session.send({
                  type: 'adjustPhase',
                  plannedMs: currentPlan(room) + 5 * 60_000,
                })
              }
            >
              {t('live.addFive')}
            </button>
            <button
              type="button"
              class="button secondary"
              disabled={currentPlan(room) <= 5 * 60_000}
              onClick={() =>
                void session.send({
                  type: 'adjustPhase',
                  plannedMs: currentPlan(room) - 5 * 60_000,
                })
              }
            >
              {t('live.takeFive')}
            </button>
          </>
        ) : null}
      </div>
      {phase?.kind === 'round' ? (
        <div class="field">
          <label for="order-mode">{t('live.orderMode')}</label>
          <select
            id="order-mode"
            value={room.orderMode}
            onChange={(e) =>
              void session.send({
                type: 'setOrder',
                mode: e.currentTarget.value as RoomView['orderMode'],
              })
            }
          >
            <option value="facilitator">{t('live.order.facilitator')}</option>
            <option value="random">{t('live.order.random')}</option>
            <option value="volunteers">{t('live.order.volunteers')}</option>
          </select>
        </div>
      ) : null}
      {room.orderMode === 'volunteers' &&
      phase?.kind === 'round' &&
      !room.turn &&
      room.hands.length > 0 ? (
        <p>
          <button
            type="button"
            class="button secondary"
            onClick={() =>
              void session.send({ type: 'startTurn', speakerId: room.hands[0]?.userId ?? '' })
            }
          >
            {t('live.startTurn', { name: nameOf(room, room.hands[0]?.userId) })}
          </button>
        </p>
      ) : null}
      {phase?.kind === 'open' && room.phaseStartedAt !== null ? (
        <p>
          <button
            type="button"
            class="button secondary"
            aria-describedby="advice-count"
            onClick={() => void session.send({ type: 'markAdvice' })}
          >
            {t('live.markAdvice')}
          </button>{' '}
          <span id="advice-count" class="small muted">
            {plural('live.adviceNoted', room.adviceMarks)}
          </span>
        </p>
      ) : null}
      <div class="field">
        <label for="hand-order">{t('live.handOrder')}</label>
        <select
          id="hand-order"
          value={room.handOrder}
          onChange={(e) =>
            void session.send({
              type: 'setHandOrder',
              order: e.currentTarget.value as RoomView['handOrder'],
            })
          }
        >
          <option value="raised">{t('live.handOrder.raised')}</option>
          <option value="leastHeard">{t('live.handOrder.leastHeard')}</option>
        </select>
      </div>
      <div class="field">
        <label for="observer-choice">{t('live.observer')}</label>
        <select
          id="observer-choice"
          value={room.observerId ?? ''}
          onChange={(e) =>
            void session.send({ type: 'setObserver', userId: e.currentTarget.value || null })
          }
        >
          <option value="">{t('live.observerNone')}</option>
          {room.participants
            .filter((p) => p.present || p.userId === room.observerId)
            .map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
        </select>
      </div>
      {room.observerId ? <ObserverNotesForFacilitator room={room} /> : null}
      <label class="check">
        <input
          type="checkbox"
          checked={room.consentAsked}
          onChange={(e) =>
            void session.send({ type: 'askObservationConsent', ask: e.currentTarget.checked })
          }
        />{' '}
        {t('live.askConsent')}
      </label>
      {room.consentAsked ? (
        <p class="small muted">
          {t('live.consentCount', {
            yes: Object.values(room.observationConsent).filter((a) => a === 'yes').length,
            no: Object.values(room.observationConsent).filter((a) => a === 'no').length,
          })}
        </p>
      ) : null}
      {room.breakouts === null && room.status === 'running' ? (
        <ProposeSmallGroups session={session} />
      ) : null}
      {room.status === 'waiting' ? <AgendaChoice room={room} session={session} /> : null}
      <details>
        <summary>{t('live.agenda')}</summary>
        <ol class="agenda">
          {room.phases.map((p, i) => (
            <li key={p.id}>
              <button
                type="button"
                class="link-button"
                aria-current={i === room.phaseIndex ? 'step' : undefined}
                onClick={() => void session.send({ type: 'startPhase', index: i })}
              >
                {t('live.phaseMinutes', {
                  title: p.title,
                  minutes: Math.round(p.plannedMs / 60_000),
                })}
              </button>
            </li>
          ))}
        </ol>
      </details>
      <ConfirmButton
        label={t('live.end')}
        question={t('live.endConfirm')}
        confirmLabel={t('live.endYes')}
        onConfirm={async () => {
          await session.send({ type: 'end' });
        }}
      />
    </section>
  );
}

function currentPlan(room: RoomView): number {
  if (room.phaseEndsAt === null || room.phaseStartedAt === null) return 0;
  return room.phaseEndsAt - room.phaseStartedAt;
}

function Session({ session }: { session: LiveSession }) {
  const room = session.room.value;
  const you = session.you.value;
  const now = useServerNow(session.offset.value);
  const [sound, setSound] = useState(false);
  const [announce, setAnnounce] = useState('');
  const lastTurn = useRef<string | null>(null);
  const cued = useRef<string | null>(null);

  const turnKey = room?.turn ? `${room.turn.speakerId}:${room.turn.startedAt}` : null;
  useEffect(() => {
    if (!room) return;
    if (turnKey !== lastTurn.current) {
      lastTurn.current = turnKey;
      const phase = room.phases[room.phaseIndex];
      setAnnounce(
        room.turn
          ? t(room.turn.speakerId === you ? 'live.announceYou' : 'live.announceSpeaker', {
              name: nameOf(room, room.turn.speakerId),
              mode: t(`live.mode.${room.turn.choice.mode}`),
            })
          : phase
            ? t('live.announcePhase', { title: phase.title })
            : '',
      );
    }
  }, [turnKey, room?.phaseIndex]);

  const turnLeft = room?.turn ? room.turn.endsAt - now : null;
  useEffect(() => {
    if (turnLeft !== null && turnLeft <= 0 && turnKey && cued.current !== turnKey) {
      cued.current = turnKey;
      if (sound) chime();
    }
  }, [turnLeft !== null && turnLeft <= 0, turnKey]);

  const ended = session.ended.value;
  if (ended) {
    return (
      <Notice tone="warning">
        <p>{t(`live.closed.${ended}`)}</p>
        {ended === 'outdated' ? (
          <button type="button" class="button primary" onClick={() => location.reload()}>
            {t('live.reload')}
          </button>
        ) : ended === 'access_ended' ? (
          // The group's pages are no longer theirs to open.
          <a href="/groups">{t('nav.myGroups')}</a>
        ) : room ? (
          <a href={`/meetings/${room.meetingId}`}>{room.groupName}</a>
        ) : null}
      </Notice>
    );
  }
  if (!room || !you) {
    return session.link.value === 'reconnecting' || session.link.value === 'restarting' ? (
      <Notice tone="warning">{t('live.cannotOpen')}</Notice>
    ) : (
      <Loading />
    );
  }
  if (room.status === 'ended') return <Summary room={room} you={you} />;
  const phase = room.phases[room.phaseIndex];
  const phaseLeft = room.phaseEndsAt !== null ? room.phaseEndsAt - now : null;
  const isFacilitator = room.facilitatorId === you || room.facilitatorId === null;
  const here = (id: string | null) => room.participants.some((p) => p.userId === id && p.present);
  const facilitatorHere = here(room.facilitatorId);
  const listening = room.turn?.choice.mode === 'listen';
  const iAmSteward = room.participants.some((p) => p.userId === you && p.steward);
  // The rota's facilitator can always take the role back; failing them, a steward can.
  const canTake =
    !isFacilitator &&
    (!facilitatorHere || you === room.designatedId || (iAmSteward && !here(room.designatedId)));
  const lastChange = room.facilitatorLog[room.facilitatorLog.length - 1];
  const iPassed = room.passed.includes(you);
  const roundAhead = room.phases.some(
    (p, i) =>
      p.kind === 'round' &&
      (i > room.phaseIndex || (i === room.phaseIndex && !room.done.includes(you))),
  );
  const canPass = roundAhead && room.turn?.speakerId !== you && !room.done.includes(you);
  const speaker = room.turn ? nameOf(room, room.turn.speakerId) : null;
  // While in a small group, its room is the person's room: the main room's hands and turns wait.
  const myGroup = room.breakouts?.groups.find((g) => g.members.includes(you));
  const inSmallGroup =
    room.breakouts?.status === 'running' &&
    myGroup !== undefined &&
    !myGroup.closed &&
    !room.breakouts.back.includes(you);
  // The closing round: the agenda's last part, when it is a round (a check-out).
  const closing = phase?.kind === 'round' && room.phaseIndex === room.phases.length - 1;
  const overTime = turnLeft !== null && turnLeft <= 0;

  return (
    <div class="live">
      <header class="live-head">
        <p class="muted small">
          <a href={`/meetings/${room.meetingId}`}>{room.groupName}</a>
        </p>
        {room.purpose ? <p class="live-purpose">{room.purpose}</p> : null}
        <p class="live-links small">
          <a href={`/groups/${room.groupId}/agreement`} target="_blank" rel="noopener">
            {t('live.agreement')}
          </a>{' '}
          ·{' '}
          <a href="/help-now" target="_blank" rel="noopener">
            {t('live.help')}
          </a>
        </p>
      </header>
      <p class="visually-hidden" aria-live="polite" role="status">
        {announce}
      </p>
      {session.link.value !== 'open' ? (
        <Notice tone="warning">
          {t(
            session.link.value === 'connecting'
              ? 'live.connecting'
              : session.link.value === 'restarting'
                ? 'live.restarting'
                : 'live.reconnecting',
          )}
        </Notice>
      ) : null}
      {session.notice.value ? <Notice tone="info">{session.notice.value}</Notice> : null}
      {room.observerId ? (
        <p class="small observer-line">
          {room.observerId === you
            ? t('live.observerIsYou')
            : t('live.observerIs', { name: nameOf(room, room.observerId) })}
        </p>
      ) : null}
      {room.consentAsked && room.observerId && room.observerId !== you ? (
        <ObservationConsent room={room} you={you} session={session} />
      ) : null}
      {lastChange ? (
        <p class="small muted">
          {lastChange.from
            ? t('live.facilitatorChanged', {
                to: nameOf(room, lastChange.to),
                from: nameOf(room, lastChange.from),
              })
            : t('live.facilitatorTook', { to: nameOf(room, lastChange.to) })}
        </p>
      ) : null}

      {room.participants.some((p) => p.userId === you && p.present) ? (
        <CallPanel room={room} you={you} session={session} />
      ) : null}

      <SmallGroups
        room={room}
        you={you}
        now={now}
        session={session}
        isFacilitator={isFacilitator}
      />
      {!isFacilitator &&
      room.membersPropose &&
      room.breakouts === null &&
      room.status === 'running' &&
      room.participants.some((p) => p.userId === you && p.present && !p.observer) ? (
        <section class="card panel" aria-label={t('groups.propose')}>
          <ProposeSmallGroups session={session} member />
        </section>
      ) : null}

      <section class="card panel live-phase" aria-labelledby="phase-title">
        <h1 id="phase-title" tabIndex={-1}>
          {phase ? phase.title : t('live.waitingToStart')}
        </h1>
        {phase?.guide ? <p>{phase.guide}</p> : null}
        {phaseLeft !== null ? (
          // A turn's clock, or one's small group's, is the one to watch: this one stays small.
          room.turn || inSmallGroup ? (
            <p class="phase-clock">
              {t('live.phaseLeft')}{' '}
              <span class="small-clock">{formatClock(Math.max(0, phaseLeft))}</span>
            </p>
          ) : (
            <>
              <p class="phase-clock">{t('live.phaseLeft')}</p>
              <p class="clock" aria-hidden="true">
                {formatClock(Math.max(0, phaseLeft))}
              </p>
            </>
          )
        ) : null}
        {phase?.kind === 'open' && room.floorId ? (
          <p class="turn-mode">
            {room.floorId === you
              ? t('live.floorYou')
              : t('live.floor', { name: nameOf(room, room.floorId) })}
          </p>
        ) : null}
        {phase?.kind === 'open' && room.speaking && room.speaking.userId !== room.floorId ? (
          <p class="turn-mode">
            {room.speaking.userId === you
              ? t('live.speakingNowYou')
              : t('live.speakingNow', { name: nameOf(room, room.speaking.userId) })}
          </p>
        ) : null}
      </section>

      {room.turn ? (
        <section
          class={`card panel live-turn${overTime ? ' time-up' : ''}${listening ? ' listening' : ''}`}
          aria-labelledby="turn-title"
        >
          <h2 id="turn-title">
            {room.turn.speakerId === you
              ? t('live.yourTurn')
              : t('live.speaking', { name: speaker ?? '' })}
          </h2>
          <p class="turn-mode">
            {listening
              ? t(room.turn.speakerId === you ? 'live.listeningToYou' : 'live.listening')
              : room.turn.choice.mode === 'feedback'
                ? room.turn.choice.feedbackFrom
                  ? t('live.feedbackFromOne', { name: nameOf(room, room.turn.choice.feedbackFrom) })
                  : t('live.feedbackFromAll')
                : t('live.coaching')}
            {room.turn.choice.focus
              ? ` ${t('live.onFocus', { focus: room.turn.choice.focus })}`
              : ''}
          </p>
          <p
            class="clock"
            aria-hidden="true"
            data-local-ends={String(Math.round(room.turn.endsAt - session.offset.value))}
          >
            {formatClock(turnLeft ?? 0)}
          </p>
          {overTime ? <p class="gentle">{t('live.timeUp')}</p> : null}
          {room.turn.speakerId === you ? (
            <button
              type="button"
              class="button primary"
              onClick={() => void session.send({ type: 'endTurn' })}
            >
              {t('live.endMyTurn')}
            </button>
          ) : null}
        </section>
      ) : null}

      {phase?.kind === 'round' ? (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('live.next')}</h2>
          {room.waiting.length === 0 ? (
            <p class="muted">{t('live.roundDone')}</p>
          ) : (
            <ol class="queue">
              {room.waiting.map((id) => (
                <li key={id}>
                  {nameOf(room, id)}
                  {id === you ? ` ${t('common.you')}` : ''}
                </li>
              ))}
            </ol>
          )}
          {room.passed.length > 0 ? (
            <p class="small muted">
              {t('live.passedList', {
                names: room.passed.map((id) => nameOf(room, id)).join(', '),
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      <SharedGroupNotes room={room} />

      {isFacilitator && session.nudge.value ? <Notice tone="info">{t('live.nudge')}</Notice> : null}

      {phase?.kind === 'open' &&
      room.phaseStartedAt !== null &&
      (isFacilitator || you === room.timekeeperId) ? (
        <SpeakingControl room={room} session={session} />
      ) : null}

      {inSmallGroup ? null : (
        <Hands
          room={room}
          you={you}
          session={session}
          isFacilitator={isFacilitator}
          listening={listening}
        />
      )}

      {room.observerId === you ? (
        <ObserverPanel room={room} you={you} offset={session.offset.value} />
      ) : null}

      {isFacilitator ? (
        <FacilitatorControls room={room} session={session} />
      ) : (
        <Agenda room={room} />
      )}

      {inSmallGroup ? null : iPassed ? (
        <p class="muted">{t(phase?.kind === 'round' ? 'live.youPassed' : 'live.youPassNext')}</p>
      ) : canPass ? (
        <p>
          <button
            type="button"
            class="button secondary"
            onClick={() => void session.send({ type: 'pass' })}
          >
            {t(phase?.kind === 'round' ? 'live.pass' : 'live.passNext')}
          </button>
        </p>
      ) : null}
      {!inSmallGroup && room.turn?.speakerId !== you && !iPassed && roundAhead ? (
        <ChoiceForm key={`${room.phaseIndex}`} room={room} you={you} session={session} />
      ) : null}

      {closing && room.participants.some((p) => p.userId === you && !p.observer) ? (
        <CheckOut meetingId={room.meetingId} />
      ) : null}

      {canTake ? (
        <p>
          <button
            type="button"
            class="button secondary"
            onClick={() => void session.send({ type: 'takeFacilitation' })}
          >
            {t(you === room.designatedId ? 'live.takeBack' : 'live.takeFacilitation')}
          </button>
        </p>
      ) : null}

      <section aria-labelledby="here-title">
        <h2 id="here-title">
          {t('live.here', { count: room.participants.filter((p) => p.present).length })}
        </h2>
        <ul class="here">
          {room.participants.map((p) => (
            <li key={p.userId} class={p.present ? undefined : 'muted'}>
              {p.name}
              {p.userId === room.facilitatorId ? ` · ${t('live.facilitator')}` : ''}
              {p.userId === room.timekeeperId ? ` · ${t('live.timekeeper')}` : ''}
              {p.userId === room.observerId ? ` · ${t('live.observing')}` : ''}
              {p.present ? '' : ` · ${t('live.away')}`}
            </li>
          ))}
        </ul>
      </section>
      <label class="check">
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => setSound(e.currentTarget.checked)}
        />{' '}
        {t('live.sound')}
      </label>
    </div>
  );
}

function Live() {
  const { params } = useRoute();
  const meetingId = params.meetingId ?? '';
  const session = useMemo(() => openLiveSession(meetingId), [meetingId]);
  useEffect(() => {
    document.title = `${t('live.title')} · Hearth`;
    return () => session.close();
  }, [session]);
  return <Session session={session} />;
}

export default function LivePage() {
  return (
    <RequireSignIn>
      <Live />
    </RequireSignIn>
  );
}
