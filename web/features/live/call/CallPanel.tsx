/**
 * The call inside the live session: choose a microphone (and a camera, if wanted) with a
 * preview and a level meter, join with one button; mute, camera off and leaving always one tap
 * away; a tile for everyone in the call with their name, whether they are muted or speaking,
 * their hand, and how well their connection is doing, in words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomView } from '../../../../core/protocol/live';
import { plural, t } from '../../../i18n/t';
import type { LiveSession } from '../connection';
import { CallMesh, openMedia, type PeerView } from './mesh';
import { RecordingBar } from './RecordingBar';

interface Props {
  room: RoomView;
  you: string;
  session: LiveSession;
}

export function CallPanel({ room, you, session }: Props) {
  const [preview, setPreview] = useState<MediaStream | null>(null);
  const [mesh, setMesh] = useState<CallMesh | null>(null);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [microphoneId, setMicrophoneId] = useState('');
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const mine = room.call[you];

  // The mesh follows the room: who is in the call, mute, small groups.
  const seenIn = useRef(false);
  useEffect(() => {
    if (!mesh) {
      seenIn.current = false;
      return;
    }
    if (!mine) {
      // Out of the call once in it (left on another device, or left the session): stop here
      // too. Until the room first shows us in it, we are still joining.
      if (seenIn.current) {
        mesh.close();
        setMesh(null);
      }
      return;
    }
    seenIn.current = true;
    mesh.follow(room);
  }, [mesh, room, mine]);
  useEffect(() => () => mesh?.close(), [mesh]);
  // A preview not handed to the call stops with the page.
  const held = useRef<MediaStream | null>(null);
  held.current = preview;
  useEffect(() => () => stopAll(held.current), []);

  const choose = async (next: { microphoneId?: string; camera?: boolean }) => {
    setProblem(null);
    try {
      const stream = await openMedia({
        microphoneId: (next.microphoneId ?? microphoneId) || undefined,
        camera: next.camera ?? camera,
      });
      setPreview(stream);
      // The list shows the microphone in use, whichever the browser chose.
      const inUse = stream.getAudioTracks()[0]?.getSettings().deviceId;
      if (inUse) setMicrophoneId(inUse);
      const devices = await navigator.mediaDevices.enumerateDevices();
      setMicrophones(devices.filter((d) => d.kind === 'audioinput'));
    } catch (error) {
      setProblem(t(mediaProblem(error)));
    }
  };

  const join = async () => {
    if (!preview) return;
    const next = new CallMesh(session, you, preview);
    held.current = null;
    setPreview(null);
    setMesh(next);
    const ok = await session.send({ type: 'callJoin', camera });
    if (!ok) {
      next.close();
      setMesh(null);
    }
  };

  const leave = () => {
    mesh?.close();
    setMesh(null);
    void session.send({ type: 'callLeave' });
  };

  const media = (change: Partial<{ muted: boolean; camera: boolean; lowBandwidth: boolean }>) => {
    if (!mine) return;
    void session.send({
      type: 'callMedia',
      muted: mine.muted,
      camera: mine.camera,
      lowBandwidth: mine.lowBandwidth,
      ...change,
    });
  };

  const people = Object.keys(room.call);
  return (
    <section
      class="card panel call"
      aria-labelledby="call-title"
      // What this device sends, for the call benchmark to read.
      data-upload-bps={mesh ? Math.round(mesh.uploadBps.value) : undefined}
    >
      <h2 id="call-title">{t('call.title')}</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      <RecordingBar
        room={room}
        you={you}
        session={session}
        microphone={mine && mesh ? (mesh.stream.getAudioTracks()[0] ?? null) : null}
        guest={room.participants.find((p) => p.userId === you)?.observer === true}
      />
      {mine && mesh ? (
        <>
          <div class="call-controls">
            <button
              type="button"
              class={mine.muted ? 'button' : 'button secondary'}
              aria-pressed={mine.muted}
              onClick={() => media({ muted: !mine.muted })}
            >
              {t(mine.muted ? 'call.unmute' : 'call.mute')}
            </button>
            {mesh.stream.getVideoTracks().length > 0 ? (
              <button
                type="button"
                class="button secondary"
                aria-pressed={!mine.camera}
                onClick={() => media({ camera: !mine.camera })}
              >
                {t(mine.camera ? 'call.cameraOff' : 'call.cameraOn')}
              </button>
            ) : null}
            <button type="button" class="button secondary" onClick={leave}>
              {t('call.leave')}
            </button>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={mine.lowBandwidth}
              onChange={(e) => media({ lowBandwidth: e.currentTarget.checked })}
            />{' '}
            {t('call.lowBandwidth')}
          </label>
          {mine.muted && room.turn?.choice.mode === 'listen' && room.turn.speakerId !== you ? (
            <p class="small muted">{t('call.mutedForTurn')}</p>
          ) : null}
          {mesh.relay.value === false && people.length > 1 ? (
            <p class="small muted">{t('call.noRelay')}</p>
          ) : null}
          <ul class="call-tiles">
            {people.map((id) => (
              <Tile
                key={id}
                room={room}
                id={id}
                you={you}
                mesh={mesh}
                peer={mesh.peers.value.find((p) => p.userId === id) ?? null}
              />
            ))}
          </ul>
        </>
      ) : preview ? (
        <div class="call-setup">
          <label>
            {t('call.microphone')}
            <select
              value={microphoneId}
              onChange={(e) => {
                const id = e.currentTarget.value;
                setMicrophoneId(id);
                stopAll(preview);
                void choose({ microphoneId: id });
              }}
            >
              {microphones.map((m, i) => (
                <option key={m.deviceId} value={m.deviceId}>
                  {m.label || t('call.microphoneN', { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
          <Level stream={preview} />
          <label class="check">
            <input
              type="checkbox"
              checked={camera}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setCamera(on);
                stopAll(preview);
                void choose({ camera: on });
              }}
            />{' '}
            {t('call.withCamera')}
          </label>
          {camera ? <Video stream={preview} label={t('call.preview')} muted /> : null}
          <p>
            <button type="button" class="button primary" onClick={() => void join()}>
              {t('call.joinNow')}
            </button>{' '}
            <button
              type="button"
              class="button secondary"
              onClick={() => {
                stopAll(preview);
                setPreview(null);
              }}
            >
              {t('call.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <>
          <p class="small muted">
            {people.length > 0 ? plural('call.inIt', people.length) : t('call.nobodyYet')}
          </p>
          <button type="button" class="button" onClick={() => void choose({})}>
            {t('call.join')}
          </button>
        </>
      )}
    </section>
  );
}

function Tile({
  room,
  id,
  you,
  mesh,
  peer,
}: {
  room: RoomView;
  id: string;
  you: string;
  mesh: CallMesh;
  peer: PeerView | null;
}) {
  const member = room.call[id];
  const name = room.participants.find((p) => p.userId === id)?.name ?? '';
  const level = id === you ? mesh.me.value.level : (peer?.level ?? 0);
  const speaking =
    room.speaking?.userId === id || (id === you ? mesh.me.value.speaking : level > 0.15);
  const hand = room.hands.some((h) => h.userId === id);
  return (
    <li class={speaking && !member?.muted ? 'call-tile speaking' : 'call-tile'} data-user={id}>
      {/* Their picture only while their camera is on and neither of us asked for sound only. */}
      {peer?.stream && member?.camera && !member.lowBandwidth && !room.call[you]?.lowBandwidth ? (
        <Video stream={peer.stream} label={name} />
      ) : null}
      <strong>{id === you ? t('call.you', { name }) : name}</strong>
      <span class="small">
        {[
          member?.muted ? t('call.muted') : speaking ? t('call.speaking') : null,
          room.turn?.speakerId === id ? t('call.theirTurn') : null,
          hand ? t('call.hand') : null,
          member?.lowBandwidth ? t('call.lowBandwidthOn') : null,
          id === you ? null : t(`call.quality.${peer?.quality ?? 'connecting'}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      <meter
        class="call-level"
        min={0}
        max={1}
        value={member?.muted ? 0 : level}
        aria-label={t('call.levelOf', { name })}
      />
    </li>
  );
}

function Level({ stream }: { stream: MediaStream }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const x of data) sum += x * x;
      setLevel(Math.min(1, Math.sqrt(sum / data.length) * 8));
    }, 100);
    return () => {
      window.clearInterval(timer);
      void context.close().catch(() => {});
    };
  }, [stream]);
  return (
    <div class="call-meter">
      <meter class="call-level" min={0} max={1} value={level} aria-label={t('call.yourLevel')} />
      <p class="small muted">{t('call.speakToTest')}</p>
    </div>
  );
}

function Video({ stream, label, muted }: { stream: MediaStream; label: string; muted?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted ?? true} aria-label={label} />;
}

function stopAll(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function mediaProblem(error: unknown): 'call.denied' | 'call.noDevice' | 'call.mediaFailed' {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'call.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'call.noDevice';
  return 'call.mediaFailed';
}
