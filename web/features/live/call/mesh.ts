/**
 * The call on this device: one RTCPeerConnection to each other person in it (a mesh; six at
 * most), signalled over the live socket with "perfect negotiation" (the person whose id sorts
 * first is polite), trickle ICE, and an ICE restart when a connection fails. The room says who
 * is in the call and whether each is muted; this device follows it:
 *
 * - my microphone is live only when the room says I am not muted (a listen turn mutes me);
 * - in small groups I send to and play only the people in mine (`replaceTrack(null)` for the
 *   rest), so moving between rooms is instant and the mesh stays up;
 * - audio goes first: video is capped by the call's size, and nobody sends video to someone
 *   who asked for low bandwidth (nor does that person send any);
 * - my own voice is measured here (speechWorklet.js) and its running total reported.
 */
import { type Signal, signal } from '@preact/signals';
import type { CallSignal, RoomView } from '../../../../core/protocol/live';
import type { CallMessage, LiveSession } from '../connection';

export type Quality = 'good' | 'fair' | 'poor' | 'connecting';

export interface PeerView {
  userId: string;
  quality: Quality;
  /** Their voice reaching this device (0–1, for the tile). */
  level: number;
  /** The video from them, if any. */
  stream: MediaStream | null;
}

interface Peer {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  audio: HTMLAudioElement;
  stream: MediaStream;
  /** Set once the connection has its transceivers (the polite side takes the other's). */
  audioSender: RTCRtpSender | null;
  videoSender: RTCRtpSender | null;
  lastEnergy: number;
  quality: Quality;
  level: number;
  /** The browser says bandwidth is what limits the video sent to this person. */
  bandwidthLimited: boolean;
}

/** How often a device reports its running total of time heard. */
const REPORT_MS = 2_000;
const STATS_MS = 2_000;

export interface CallDevices {
  microphoneId?: string;
  camera: boolean;
  cameraId?: string;
}

/** Asks for the microphone (and the camera if wanted), as the call will use them. */
export function openMedia(devices: CallDevices): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: {
      ...(devices.microphoneId ? { deviceId: { exact: devices.microphoneId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
    video: devices.camera
      ? {
          ...(devices.cameraId ? { deviceId: { exact: devices.cameraId } } : {}),
          width: { ideal: 640 },
          height: { ideal: 360 },
          frameRate: { ideal: 15, max: 24 },
        }
      : false,
  });
}

export class CallMesh {
  readonly peers: Signal<PeerView[]> = signal([]);
  /** My own voice: level 0–1 and whether the detector hears me speaking. */
  readonly me = signal({ level: 0, speaking: false });
  /** Whether a TURN server relays when direct connection fails (null: not told yet). */
  readonly relay = signal<boolean | null>(null);
  /** Bits a second this device sends, all peers together (audio and video). */
  readonly uploadBps = signal(0);

  private readonly connections = new Map<string, Peer>();
  private readonly opening = new Map<string, Promise<void>>();
  private iceServers: RTCIceServer[] = [];
  private iceReady: Promise<void>;
  private stopListening: () => void;
  private audioContext: AudioContext | null = null;
  private detector: AudioWorkletNode | null = null;
  /** What the detector has counted since this call began on this device. */
  private detected = 0;
  /** The total the room had of me when this device began counting. */
  private base: number | null = null;
  private reported = 0;
  private timers: number[] = [];
  private room: RoomView | null = null;
  private closed = false;
  private lastSent = 0;

  constructor(
    private readonly session: LiveSession,
    private readonly you: string,
    private readonly local: MediaStream,
  ) {
    let ready: () => void = () => {};
    this.iceReady = new Promise((resolve) => {
      ready = resolve;
    });
    this.stopListening = session.onCall((message) => this.hear(message, ready));
    session.askIce();
    this.timers.push(window.setInterval(() => void this.report(), REPORT_MS));
    this.timers.push(window.setInterval(() => void this.readStats(), STATS_MS));
    void this.startDetector();
  }

  get stream(): MediaStream {
    return this.local;
  }

  /** Follows the room: who to connect to, whom to send to and hear, my mute and camera. */
  follow(room: RoomView): void {
    if (this.closed) return;
    this.room = room;
    const mine = room.call[this.you];
    // Carry on from what the room already has of me (after a reload, say).
    if (mine && this.base === null) this.base = room.heardMs[this.you] ?? 0;
    const muted = mine?.muted ?? true;
    for (const track of this.local.getAudioTracks()) track.enabled = !muted;
    this.detector?.port.postMessage({ muted });
    for (const track of this.local.getVideoTracks()) track.enabled = mine?.camera ?? false;
    const others = Object.keys(room.call).filter((id) => id !== this.you);
    for (const id of others) if (!this.connections.has(id)) void this.connect(id);
    for (const id of [...this.connections.keys()]) if (!others.includes(id)) this.drop(id);
    const hearing = this.hearing(room);
    for (const [id, peer] of this.connections) void this.route(id, peer, hearing, room);
  }

  /** Who I send to and play: everyone in the call, or in small groups only those in mine. */
  private hearing(room: RoomView): Set<string> {
    const groups = room.breakouts?.status === 'running' ? room.breakouts.groups : [];
    const mine = groups.find((g) => !g.closed && g.members.includes(this.you));
    if (mine) return new Set(mine.members);
    const inGroups = new Set(groups.filter((g) => !g.closed).flatMap((g) => g.members));
    return new Set(Object.keys(room.call).filter((id) => !inGroups.has(id)));
  }

  private async route(id: string, peer: Peer, hearing: Set<string>, room: RoomView) {
    const together = hearing.has(id);
    peer.audio.muted = !together;
    const mine = room.call[this.you];
    const theirs = room.call[id];
    const audio = this.local.getAudioTracks()[0] ?? null;
    const video = this.local.getVideoTracks()[0] ?? null;
    // Video only where the connection carries it: never to someone whose link is poor or
    // whose bandwidth the browser reports as the limit, so their sound keeps going.
    const sendVideo =
      together &&
      mine?.camera === true &&
      !mine.lowBandwidth &&
      theirs?.lowBandwidth === false &&
      peer.quality !== 'poor' &&
      !peer.bandwidthLimited;
    const wantAudio = together ? audio : null;
    const wantVideo = sendVideo ? video : null;
    const { audioSender, videoSender } = peer;
    if (!audioSender || !videoSender) return;
    if (audioSender.track !== wantAudio) await audioSender.replaceTrack(wantAudio);
    if (videoSender.track !== wantVideo) await videoSender.replaceTrack(wantVideo);
    await this.limitVideo(peer, Object.keys(room.call).length);
  }

  /** Above three people, video is small and slow: 180p at 15 frames a second, 150 kb/s. */
  private async limitVideo(peer: Peer, people: number) {
    const sender = peer.videoSender;
    if (!sender) return;
    const params = sender.getParameters();
    if (!params.encodings || params.encodings.length === 0) return;
    const small = people > 3;
    const [first] = params.encodings;
    if (!first) return;
    const maxBitrate = small ? 150_000 : 500_000;
    if (first.maxBitrate === maxBitrate) return;
    first.maxBitrate = maxBitrate;
    first.maxFramerate = 15;
    first.scaleResolutionDownBy = small ? 2 : 1;
    await sender.setParameters(params).catch(() => {});
  }

  /** One connection per person, however many things ask for it at once. */
  private connect(id: string): Promise<void> {
    const opening = this.opening.get(id);
    if (opening) return opening;
    if (this.connections.has(id)) return Promise.resolve();
    const open = this.open(id).finally(() => this.opening.delete(id));
    this.opening.set(id, open);
    return open;
  }

  private async open(id: string): Promise<void> {
    await this.iceReady;
    if (this.closed || this.connections.has(id)) return;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const audio = new Audio();
    audio.autoplay = true;
    const stream = new MediaStream();
    const polite = this.you < id;
    // The impolite side (the later id) makes the transceivers and the first offer; the polite
    // side takes the ones the offer brings, so both sides' media share one pair of m-lines.
    const audioSender = polite
      ? null
      : pc.addTransceiver('audio', { direction: 'sendrecv' }).sender;
    const videoSender = polite
      ? null
      : pc.addTransceiver('video', { direction: 'sendrecv' }).sender;
    if (audioSender) prioritise(audioSender);
    const peer: Peer = {
      pc,
      polite,
      makingOffer: false,
      ignoreOffer: false,
      audio,
      stream,
      audioSender,
      videoSender,
      lastEnergy: 0,
      quality: 'connecting',
      level: 0,
      bandwidthLimited: false,
    };
    this.connections.set(id, peer);
    pc.ontrack = ({ track }) => {
      stream.addTrack(track);
      if (track.kind === 'audio') {
        audio.srcObject = new MediaStream([track]);
        void audio.play().catch(() => {});
      }
      this.publish();
    };
    pc.onicecandidate = ({ candidate }) => {
      const c = candidate?.toJSON();
      this.session.signal(id, {
        candidate: c
          ? {
              candidate: c.candidate ?? '',
              sdpMid: c.sdpMid ?? null,
              sdpMLineIndex: c.sdpMLineIndex ?? null,
              usernameFragment: c.usernameFragment ?? null,
            }
          : null,
      });
    };
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription)
          this.session.signal(id, { description: describe(pc.localDescription) });
      } catch {
        /* a glare: perfect negotiation sorts it out */
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce();
      this.publish();
    };
    if (this.room) await this.route(id, peer, this.hearing(this.room), this.room);
    this.publish();
  }

  private drop(id: string): void {
    const peer = this.connections.get(id);
    if (!peer) return;
    this.connections.delete(id);
    peer.pc.close();
    peer.audio.srcObject = null;
    this.publish();
  }

  private hear(message: CallMessage, iceReady: () => void): void {
    if (message.type === 'ice') {
      this.iceServers = message.iceServers.map((s) => ({ ...s }));
      this.relay.value = message.relay;
      iceReady();
      return;
    }
    void this.onSignal(message.from, message.signal);
  }

  /** Perfect negotiation: the impolite side ignores a colliding offer; the polite one rolls back. */
  private async onSignal(from: string, body: CallSignal): Promise<void> {
    if (!this.connections.has(from)) await this.connect(from);
    const peer = this.connections.get(from);
    if (!peer) return;
    const { pc } = peer;
    try {
      if (body.description) {
        const offerCollision =
          body.description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && offerCollision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(body.description);
        if (body.description.type === 'offer' && !peer.audioSender) {
          this.adopt(peer);
          if (this.room) await this.route(from, peer, this.hearing(this.room), this.room);
        }
        if (body.description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) {
            this.session.signal(from, { description: describe(pc.localDescription) });
          }
        }
      } else if (body.candidate !== undefined) {
        try {
          await pc.addIceCandidate(body.candidate ?? undefined);
        } catch (error) {
          if (!peer.ignoreOffer) throw error;
        }
      }
    } catch {
      // A signal that no longer fits (the other side restarted): an ICE restart recovers.
    }
  }

  /** The polite side sends on the transceivers the other's offer made. */
  private adopt(peer: Peer): void {
    for (const transceiver of peer.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      if (kind === 'audio' && !peer.audioSender) {
        transceiver.direction = 'sendrecv';
        peer.audioSender = transceiver.sender;
        prioritise(transceiver.sender);
      } else if (kind === 'video' && !peer.videoSender) {
        transceiver.direction = 'sendrecv';
        peer.videoSender = transceiver.sender;
      }
    }
  }

  /** My voice, measured on this device (an AudioWorklet on the microphone). */
  private async startDetector(): Promise<void> {
    const track = this.local.getAudioTracks()[0];
    if (!track || typeof AudioWorkletNode === 'undefined') return;
    try {
      const context = new AudioContext();
      this.audioContext = context;
      await context.audioWorklet.addModule(new URL('./speechWorklet.js', import.meta.url));
      if (this.closed) return;
      const source = context.createMediaStreamSource(new MediaStream([track.clone()]));
      const node = new AudioWorkletNode(context, 'hearth-speech');
      node.port.onmessage = (
        event: MessageEvent<{ level: number; speaking: boolean; totalMs: number }>,
      ) => {
        const { level, speaking, totalMs } = event.data;
        this.me.value = { level: Math.min(1, level * 8), speaking };
        this.detected = totalMs;
      };
      source.connect(node);
      this.detector = node;
      node.port.postMessage({ muted: this.room?.call[this.you]?.muted ?? true });
      if (context.state === 'suspended') await context.resume().catch(() => {});
    } catch {
      // No measure on this device: the turns and the timekeeper's control still count.
    }
  }

  /** Reports my running total: what the room had of me, plus what this device has heard. */
  private async report(): Promise<void> {
    if (this.closed || this.base === null || !this.room?.call[this.you]) return;
    const total = this.base + this.detected;
    if (total <= this.reported) return;
    this.reported = total;
    await this.session.send({ type: 'heard', totalMs: Math.round(total) });
  }

  /** Connection quality, voices heard and what this device sends, from getStats. */
  private async readStats(): Promise<void> {
    let sent = 0;
    let rerouted = false;
    for (const peer of this.connections.values()) {
      const stats = await peer.pc.getStats().catch(() => null);
      if (!stats) continue;
      let rtt: number | null = null;
      let lost = 0;
      let received = 0;
      let energy = 0;
      let limited = false;
      stats.forEach((s) => {
        if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined) {
          rtt = s.currentRoundTripTime;
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          lost += s.packetsLost ?? 0;
          received += s.packetsReceived ?? 0;
          energy += s.totalAudioEnergy ?? 0;
        }
        if (s.type === 'outbound-rtp') sent += s.bytesSent ?? 0;
        if (s.type === 'outbound-rtp' && s.kind === 'video' && s.qualityLimitationReason) {
          limited = s.qualityLimitationReason === 'bandwidth';
        }
      });
      const loss = received + lost > 0 ? lost / (received + lost) : 0;
      const state = peer.pc.iceConnectionState;
      const before = `${peer.quality === 'poor'} ${peer.bandwidthLimited}`;
      peer.quality =
        state !== 'connected' && state !== 'completed'
          ? 'connecting'
          : loss > 0.08 || (rtt ?? 0) > 0.6
            ? 'poor'
            : loss > 0.02 || (rtt ?? 0) > 0.3
              ? 'fair'
              : 'good';
      peer.level = Math.min(
        1,
        Math.sqrt(Math.max(0, energy - peer.lastEnergy) / (STATS_MS / 1000)) * 4,
      );
      peer.lastEnergy = energy;
      peer.bandwidthLimited = limited;
      if (before !== `${peer.quality === 'poor'} ${peer.bandwidthLimited}`) rerouted = true;
    }
    this.uploadBps.value = Math.max(0, ((sent - this.lastSent) * 8) / (STATS_MS / 1000));
    this.lastSent = sent;
    // A link that became poor (or better) changes who is sent video.
    if (rerouted && this.room) this.follow(this.room);
    this.publish();
  }

  private publish(): void {
    this.peers.value = [...this.connections.entries()].map(([userId, peer]) => {
      const state = peer.pc.iceConnectionState;
      const up = state === 'connected' || state === 'completed';
      return {
        userId,
        quality: up ? (peer.quality === 'connecting' ? 'good' : peer.quality) : 'connecting',
        level: peer.level,
        stream: peer.stream.getVideoTracks().length > 0 ? peer.stream : null,
      };
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    for (const timer of this.timers) window.clearInterval(timer);
    void this.report();
    for (const id of [...this.connections.keys()]) this.drop(id);
    for (const track of this.local.getTracks()) track.stop();
    void this.audioContext?.close().catch(() => {});
  }
}

/** Audio first: the network is asked to favour it over video. */
function prioritise(sender: RTCRtpSender): void {
  const params = sender.getParameters();
  const [first] = params.encodings ?? [];
  if (!first) return;
  first.priority = 'high';
  first.networkPriority = 'high';
  void sender.setParameters(params).catch(() => {});
}

function describe(d: RTCSessionDescription): CallSignal['description'] {
  return { type: d.type, sdp: d.sdp };
}
