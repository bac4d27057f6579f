import { useEffect, useRef, useState } from 'preact/hooks';
import { type Code, codeForKey, DEFAULT_CODEBOOK } from '../../../core/domain/codebook';
import type { RoomView } from '../../../core/protocol/live';
import type { NoteBody, NoteView } from '../../../core/protocol/observer';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { ApiError, problemText } from '../../lib/api';
import { newId } from '../../lib/ids';
import { formatClock } from '../../lib/time';
import { deleteNote, getNotes, putNote } from '../meetings/api';

/**
 * A note as this page holds it: saved, on its way, waiting to be sent again (the connection
 * failed), or refused (it will not be sent again; the reason is shown).
 */
interface Held {
  id: string;
  body: NoteBody;
  state: 'saving' | 'saved' | 'waiting' | 'refused';
  problem?: string;
}

/** The server's clock now, in whole milliseconds. */
const serverNow = (offset: number) => Math.round(Date.now() + offset);

const RETRY_MS = 5_000;

const fromView = (n: NoteView): Held => ({
  id: n.id,
  state: 'saved',
  body: {
    code: n.code,
    text: n.text,
    partId: n.partId,
    people: n.people.map((p) => p.userId),
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    span: n.span,
  },
});

/** Whether a key press is typing (in a field) rather than a code. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  return (
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    tag === 'INPUT' ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    target?.isContentEditable === true
  );
}

/**
 * The observer's notes: one key or tap per code, each note stamped with the server's time and
 * the part; words and the people involved added after, as a moment or a span. Saving happens
 * in the background and never holds up the session screen; a note that could not be sent is
 * sent again.
 */
export function ObserverPanel({
  room,
  you,
  offset,
}: {
  room: RoomView;
  you: string;
  offset: number;
}) {
  // The group's codebook comes with the notes (an observer from outside the group reads it only there).
  const [codebook, setCodebook] = useState<Code[] | null>(null);
  const [notes, setNotes] = useState<Held[]>([]);
  const [asSpan, setAsSpan] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const notesRef = useRef(notes);
  notesRef.current = notes;

  // The notes already kept (after a reload, or from another device).
  useEffect(() => {
    getNotes(room.meetingId).then(
      (view) => {
        setCodebook(view.codes);
        setNotes(
          view.notes
            .filter((n) => n.authorId === you)
            .map(fromView)
            .reverse(),
        );
      },
      // Unreachable just now: the five usual codes, so notes can still be taken.
      () => setCodebook((held) => held ?? [...DEFAULT_CODEBOOK]),
    );
  }, [room.meetingId, you]);

  /** Notes being sent, with the newest change waiting behind each (one request per note at a time). */
  const flights = useRef(new Map<string, Held | null>());
  const send = (note: Held) => {
    if (flights.current.has(note.id)) {
      // The later change goes when the earlier one has landed, so it can never be overtaken.
      flights.current.set(note.id, note);
      return;
    }
    flights.current.set(note.id, null);
    setNotes((all) => all.map((n) => (n.id === note.id ? { ...n, state: 'saving' } : n)));
    putNote(room.meetingId, note.id, note.body)
      .then(
        () => {
          setProblem(null);
          setNotes((all) =>
            all.map((n) =>
              n.id === note.id && n.body === note.body ? { ...n, state: 'saved' } : n,
            ),
          );
        },
        (error: unknown) => {
          // A refusal will not change by sending it again; a lost connection may.
          const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
          if (!refused) setProblem(t('observer.notSent'));
          setNotes((all) =>
            all.map((n) =>
              n.id === note.id
                ? refused
                  ? { ...n, state: 'refused', problem: problemText(error) }
                  : { ...n, state: 'waiting' }
                : n,
            ),
          );
        },
      )
      .finally(() => {
        const queued = flights.current.get(note.id);
        flights.current.delete(note.id);
        if (queued) send(queued);
      });
  };

  // Anything that could not be sent is tried again, quietly.
  useEffect(() => {
    const timer = setInterval(() => {
      for (const n of notesRef.current) if (n.state === 'waiting') send(n);
    }, RETRY_MS);
    return () => clearInterval(timer);
  }, [room.meetingId]);

  const change = (id: string, patch: Partial<NoteBody>) => {
    const note = notesRef.current.find((n) => n.id === id);
    if (!note) return;
    const next: Held = { ...note, body: { ...note.body, ...patch } };
    setNotes((all) => all.map((n) => (n.id === id ? next : n)));
    send(next);
  };

  const take = (code: Code) => {
    const phase = room.phases[room.phaseIndex];
    const held: Held = {
      id: newId(),
      state: 'saving',
      body: {
        code: code.label,
        text: '',
        partId: phase?.id ?? null,
        people: [],
        startsAt: serverNow(offset),
        endsAt: null,
        span: asSpan,
      },
    };
    setNotes((all) => [held, ...all]);
    setSelected(held.id);
    send(held);
  };

  const codes = codebook ?? [];
  // One key per code, whenever focus is not in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event)) return;
      const code = codeForKey(codes, event.key);
      if (!code) return;
      event.preventDefault();
      take(code);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // Someone who asked not to be observed is never offered for a note.
  const declined = room.participants.filter((p) => room.observationConsent[p.userId] === 'no');
  const people = room.participants.filter(
    (p) => p.present && room.observationConsent[p.userId] !== 'no',
  );
  const current = notes.find((n) => n.id === selected) ?? null;
  const partTitle = (id: string | null) => room.phases.find((p) => p.id === id)?.title ?? '';
  // The time of day on this device's clock.
  const clockOf = (ms: number) =>
    new Date(ms - offset).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });

  return (
    <section class="card panel observer" aria-labelledby="observer-title">
      <h2 id="observer-title">{t('observer.title')}</h2>
      <p class="small muted">{t('observer.lead')}</p>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {declined.length > 0 ? (
        <Notice tone="info">
          {t('observer.declined', { names: declined.map((p) => p.name).join(', ') })}
        </Notice>
      ) : null}
      <div class="code-buttons">
        {codes.map((c) => (
          <button key={c.key} type="button" class="button secondary" onClick={() => take(c)}>
            {c.label}{' '}
            <kbd aria-label={t('observer.key', { key: c.key.toUpperCase() })}>
              {c.key.toUpperCase()}
            </kbd>
          </button>
        ))}
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={asSpan}
          onChange={(e) => setAsSpan(e.currentTarget.checked)}
        />{' '}
        {t('observer.asSpan')}
      </label>

      {current ? (
        <div class="note-edit">
          <h3>
            {t('observer.editing', {
              code: current.body.code,
              part: partTitle(current.body.partId) || t('observer.beforeStart'),
            })}
          </h3>
          <div class="field">
            <label for="note-words">{t('observer.words')}</label>
            <textarea
              id="note-words"
              rows={2}
              maxLength={1000}
              value={current.body.text}
              onInput={(e) =>
                setNotes((all) =>
                  all.map((n) =>
                    n.id === current.id
                      ? {
                          ...n,
                          body: { ...n.body, text: (e.currentTarget as HTMLTextAreaElement).value },
                        }
                      : n,
                  ),
                )
              }
              onBlur={() => change(current.id, { text: current.body.text.trim() })}
            />
          </div>
          <fieldset class="field">
            <legend>{t('observer.who')}</legend>
            <div class="speaker-buttons">
              {people.map((p) => {
                const on = current.body.people.includes(p.userId);
                return (
                  <button
                    key={p.userId}
                    type="button"
                    class="button secondary small"
                    aria-pressed={on ? 'true' : 'false'}
                    onClick={() =>
                      change(current.id, {
                        people: on
                          ? current.body.people.filter((id) => id !== p.userId)
                          : [...current.body.people, p.userId],
                      })
                    }
                  >
                    {p.name}
                  </button>
                );
              })}
            </div>
          </fieldset>
          {current.body.span && current.body.endsAt === null ? (
            <button
              type="button"
              class="button primary"
              onClick={() =>
                change(current.id, {
                  endsAt: Math.max(current.body.startsAt, serverNow(offset)),
                })
              }
            >
              {t('observer.endSpan')}
            </button>
          ) : null}
        </div>
      ) : null}

      {notes.length > 0 ? (
        <ol class="notes" aria-label={t('observer.list')}>
          {notes.map((n) => (
            <li key={n.id} class={n.id === selected ? 'selected' : undefined}>
              <button type="button" class="link-button" onClick={() => setSelected(n.id)}>
                <strong>{n.body.code}</strong>
                {' · '}
                {partTitle(n.body.partId) || t('observer.beforeStart')} {clockOf(n.body.startsAt)}
                {n.body.span
                  ? n.body.endsAt === null
                    ? ` · ${t('observer.spanOpen')}`
                    : ` · ${t('observer.spanFor', { time: formatClock(n.body.endsAt - n.body.startsAt) })}`
                  : ''}
              </button>
              {n.body.text ? <p class="small">{n.body.text}</p> : null}
              {n.body.people.length > 0 ? (
                <p class="small">
                  {t('observer.with', {
                    names: n.body.people
                      .map((id) => room.participants.find((p) => p.userId === id)?.name ?? '')
                      .join(', '),
                  })}
                </p>
              ) : null}
              <p class="small muted">
                {n.state === 'saved'
                  ? t('observer.saved')
                  : n.state === 'saving'
                    ? t('observer.saving')
                    : n.state === 'refused'
                      ? t('observer.refused', { why: n.problem ?? '' })
                      : t('observer.waiting')}
                {' · '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    setNotes((all) => all.filter((x) => x.id !== n.id));
                    if (selected === n.id) setSelected(null);
                    void deleteNote(room.meetingId, n.id).catch(() => {});
                  }}
                >
                  {t('observer.remove')}
                </button>
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('observer.none')}</p>
      )}
    </section>
  );
}

/** For the facilitator: the observer's notes so far, read when they choose to look. */
export function ObserverNotesForFacilitator({ room }: { room: RoomView }) {
  const [open, setOpen] = useState(false);
  const [notes, setNotes] = useState<NoteView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = () =>
    getNotes(room.meetingId).then(
      (v) => {
        setNotes(v.notes);
        setProblem(null);
      },
      () => setProblem(t('observer.notLoaded')),
    );
  return (
    <details
      class="observer-notes"
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(isOpen);
        if (isOpen) void load();
      }}
    >
      <summary>{t('observer.forFacilitator')}</summary>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {open && notes ? (
        notes.length === 0 ? (
          <p class="muted">{t('observer.noneYet')}</p>
        ) : (
          <ol class="notes">
            {notes.map((n) => (
              <li key={n.id}>
                <strong>{n.code}</strong>
                {n.people.length > 0 ? ` · ${n.people.map((p) => p.name).join(', ')}` : ''}
                {n.text ? <p class="small">{n.text}</p> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
      <button type="button" class="button secondary small" onClick={() => void load()}>
        {t('observer.refresh')}
      </button>
    </details>
  );
}
