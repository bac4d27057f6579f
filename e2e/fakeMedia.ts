/**
 * Fake microphones and cameras for Chromium on loopback: a sound file to play as the
 * microphone, and the flags that make Chromium use it and connect peers on 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';

/** 60 s of mono 48 kHz audio: 3 s of a 440 Hz tone, 3 s of silence, and again. */
export function toneAndSilence(file: string): void {
  const rate = 48_000;
  const samples = rate * 60;
  const data = Buffer.alloc(44 + samples * 2);
  data.write('RIFF', 0);
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write('WAVEfmt ', 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(rate, 24);
  data.writeUInt32LE(rate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write('data', 36);
  data.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const on = Math.floor(i / (rate * 3)) % 2 === 0;
    const value = on ? Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 0.5 * 32767) : 0;
    data.writeInt16LE(value, 44 + i * 2);
  }
  writeFileSync(file, data);
}

/** Chromium's flags for a call on loopback with fake devices, the microphone playing `wav`. */
export function fakeMedia(wav: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ];
}
