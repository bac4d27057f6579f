/**
 * Measures this device's own voice, off the main thread: an energy detector on the
 * microphone. Speech starts after about 150 ms above the threshold and ends 700 ms after the
 * last sound above it (so pauses between words do not split it); the time counted runs from
 * the first sound to the last, so a pause at the end is not counted. Nothing is counted while
 * muted. Posts the level, whether speaking, and the running total about ten times a second.
 */
const START_MS = 150;
const HOLD_MS = 700;
const POST_MS = 100;

class SpeechDetector extends AudioWorkletProcessor {
  constructor() {
    super();
    this.muted = false;
    this.floor = 0.003;
    this.aboveSince = null;
    this.speaking = false;
    this.lastLoud = 0;
    this.segmentStart = 0;
    this.totalMs = 0;
    this.level = 0;
    this.lastPost = 0;
    this.port.onmessage = (event) => {
      if (typeof event.data?.muted === 'boolean') {
        this.muted = event.data.muted;
        if (this.muted) this.stop(this.now());
      }
    };
  }

  now() {
    return (currentFrame / sampleRate) * 1000;
  }

  /** Ends a stretch of speech: it counted from its first sound to its last. */
  stop(at) {
    if (this.speaking) this.totalMs += Math.max(0, Math.min(at, this.lastLoud) - this.segmentStart);
    this.speaking = false;
    this.aboveSince = null;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    const at = this.now();
    if (channel && channel.length > 0) {
      let sum = 0;
      for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
      const rms = Math.sqrt(sum / channel.length);
      this.level = rms;
      // The room's own hum: followed down at once, up over about a minute (so a long stretch
      // of speech is not taken for hum).
      this.floor = rms < this.floor ? rms : this.floor + (rms - this.floor) * 0.00005;
      const loud = !this.muted && rms > Math.max(0.01, this.floor * 4);
      if (loud) {
        this.lastLoud = at;
        if (this.aboveSince === null) this.aboveSince = at;
        if (!this.speaking && at - this.aboveSince >= START_MS) {
          this.speaking = true;
          this.segmentStart = this.aboveSince;
        }
      } else if (!this.speaking) {
        this.aboveSince = null;
      } else if (at - this.lastLoud > HOLD_MS) {
        this.stop(at);
      }
    }
    if (at - this.lastPost >= POST_MS) {
      this.lastPost = at;
      const running = this.speaking ? Math.max(0, this.lastLoud - this.segmentStart) : 0;
      this.port.postMessage({
        level: this.level,
        speaking: this.speaking,
        totalMs: Math.round(this.totalMs + running),
      });
    }
    return true;
  }
}

registerProcessor('hearth-speech', SpeechDetector);
