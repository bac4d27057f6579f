// The live baseline: a bare `ws` server that broadcasts each message to the sender's room,
// with nothing else to do (no session, no database). The room is the URL's last segment.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const rooms = new Map();
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 });
wss.on('connection', (socket, request) => {
  const room = request.url ?? '/';
  if (!rooms.has(room)) rooms.set(room, new Set());
  const members = rooms.get(room);
  members.add(socket);
  socket.on('message', (data) => {
    const text = data.toString();
    for (const peer of members) if (peer.readyState === peer.OPEN) peer.send(text);
  });
  socket.on('close', () => members.delete(socket));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `Bare live server is running at http://127.0.0.1:${server.address().port}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
