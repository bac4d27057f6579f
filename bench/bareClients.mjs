// The bare relay's clients, in a process of their own (bench/live.ts starts it): a process
// here may hold about 20,000 open files, and the benchmark keeps Hearth's and the bare relay's
// sockets open side by side, so that it can drive the two in turns. Told over IPC:
//   { type: 'open', url, rooms: [{ meetingId, size }] }  opens every socket
//   { type: 'drive', seconds, rate, bytes }             each room's first socket sends a
//     message at `rate` a second (rooms staggered), everyone times its arrival; says `sent`
//     when the last is sent, then answers with the delays in ms once it has had time to arrive
//   { type: 'close' }                                    closes them all and exits
import WebSocket from 'ws';

/** @type {WebSocket[][]} */
const rooms = [];
/** @type {number[]} */
let samples = [];
const SENT = Buffer.from('"sent":');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(url, list) {
  for (const { meetingId, size } of list) {
    const inRoom = [];
    for (let i = 0; i < size; i++) {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/${meetingId}`);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      // Only the time is read from the message (`{"sent":…,"pad":…}`), as Hearth's clients
      // read only a change's version.
      ws.on('message', (data) => {
        const at = data.indexOf(SENT) + SENT.length;
        samples.push(
          performance.now() - Number(data.toString('latin1', at, data.indexOf(',', at))),
        );
      });
      inRoom.push(ws);
    }
    rooms.push(inRoom);
  }
}

async function drive(seconds, rate, bytes) {
  samples = [];
  const ends = Date.now() + seconds * 1000;
  const pad = 'x'.repeat(bytes);
  const cpu = process.cpuUsage();
  const began = performance.now();
  await Promise.all(
    rooms.map(async (inRoom, r) => {
      // The same schedule as Hearth's drivers: each message due a period after the last was due.
      let due = performance.now() + (r / rooms.length) * (1000 / rate);
      await sleep(due - performance.now());
      while (Date.now() < ends) {
        inRoom[0]?.send(JSON.stringify({ sent: performance.now(), pad }));
        due += 1000 / rate;
        await sleep(Math.max(0, due - performance.now()));
      }
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  const wall = performance.now() - began;
  // The last message is sent (the server's core is timed until now); the rest arrive.
  process.send?.({ type: 'sent' });
  await sleep(500);
  return { samples, clientCpu: (user + system) / 1000 / wall };
}

process.on('message', async (message) => {
  if (message.type === 'open') {
    await open(message.url, message.rooms);
    process.send?.({ type: 'opened' });
  } else if (message.type === 'drive') {
    const result = await drive(message.seconds, message.rate, message.bytes);
    process.send?.({ type: 'driven', ...result });
  } else if (message.type === 'close') {
    for (const inRoom of rooms) for (const ws of inRoom) ws.terminate();
    process.exit(0);
  }
});
// The benchmark ended (or failed) without saying so: go with it.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
