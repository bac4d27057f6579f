/**
 * Records this person's own microphone while the room says they are recorded: MediaRecorder in
 * slices of a few seconds, each kept on the device (sliceStore) before it is sent (uploads), so
 * nothing already recorded is lost to a dead phone or a dropped connection. Muted, the
 * microphone is silent, and so is the recording. Only this device's own voice: never the
 * people it hears.
 */
import { SLICE_MS } from '../../../../core/domain/recordingLimits';
import { putSlice } from './api';
import { canKeepSlices, keepSlice, nextSeq } from './sliceStore';
import { sendWaiting } from './uploads';

/** Opus at 32 kb/s: clear speech, about 14 MB an hour. */
const BITS_PER_SECOND = 32_000;
const TYPES = ['audio/webm;codecs=opus', 'audio/webm'];

/** Whether this browser can record the call (and keep what it records). */
export function canRecord(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    canKeepSlices() &&
    TYPES.some((type) => MediaRecorder.isTypeSupported(type))
  );
}

export interface TrackName {
  meetingId: string;
  recordingId: string;
  userId: string;
}

export class TrackRecorder {
  private recorder: MediaRecorder | null = null;
  private seq = 0;
  /** Slices are kept in the order they came, one after another. */
  private keeping: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly name: TrackName,
    private readonly microphone: MediaStreamTrack,
    /**
     * Where a take starts if this device kept no count of the track: the seconds since the
     * recording started, past any slice another device (or a cleared browser) sent.
     */
    private readonly from: number,
  ) {}

  /** Starts a take: a stream of its own, numbered on from the last slice of the track. */
  async start(): Promise<void> {
    this.seq = (await nextSeq(this.name)) ?? this.from;
    if (this.stopped) return;
    const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(new MediaStream([this.microphone]), {
      ...(mimeType ? { mimeType } : {}),
      audioBitsPerSecond: BITS_PER_SECOND,
    });
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      const slice = { ...this.name, seq: this.seq++, data: event.data };
      this.keeping = this.keeping
        .then(() => keepSlice(slice))
        .then(sendWaiting)
        .catch(() => {
          // Storage full or refused: send it straight away instead.
          void putSlice(slice, slice.data).catch(() => {});
        });
    };
    recorder.start(SLICE_MS);
    this.recorder = recorder;
  }

  /** Ends the take: what was recorded since the last slice comes as one more. */
  stop(): void {
    this.stopped = true;
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.recorder = null;
  }
}
