import net from 'node:net';
import { spawnNode } from './test/helpers/spawnNode.ts';

const node = await spawnNode({ DATA_DIR: '/tmp/hearth-ws-leak', WEB_DIST_DIR: '/nonexistent' });
const port = new URL(node.url).port;
const results = [];
for (const path of [
  '/api/meetings/' + 'x'.repeat(400) + '/live',
  '/api/meetings/%E0%A4%A/live',
  '/nothing/here',
]) {
  const r = await new Promise((resolve) => {
    const s = net.connect(Number(port), '127.0.0.1', () => {
      s.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    let data = '';
    s.on('data', (d) => (data += d));
    const t = setTimeout(() => {
      resolve({ path: path.slice(0, 30), closed: false, data: data.split('\r\n')[0] });
      s.destroy();
    }, 2000);
    s.on('end', () => {
      clearTimeout(t);
      resolve({ path: path.slice(0, 30), closed: true, data: data.split('\r\n')[0] });
      s.destroy();
    });
  });
  results.push(r);
}
console.log(results);
const t0 = Date.now();
await node.stop();
console.log('stop ms', Date.now() - t0);
