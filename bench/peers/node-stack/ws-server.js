// The Node stack's WebSocket server: a client connects to /ws?channel=<c> and gets a welcome frame, then every
// message published on that channel. One PSUBSCRIBE relay:channel:* per process; each message's payload string
// goes as is to the process's clients of that channel. PORT and REDIS_URL from the environment.
'use strict';

const http = require('node:http');
const { WebSocketServer, WebSocket } = require('ws');
const Redis = require('ioredis');

const port = Number(process.env.PORT || 3001);
const replica = process.env.REPLICA || 'node-ws-' + port;
const prefix = 'relay:channel:';
const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');

/** channel → the open sockets that follow it. */
const followers = new Map();

const server = http.createServer((req, res) => {
  const ready = req.url === '/health' && redis.status === 'ready';
  res.writeHead(ready ? 200 : req.url === '/health' ? 503 : 404, { 'Content-Type': 'text/plain' });
  res.end(ready ? 'ok' : 'not ready');
});

const wss = new WebSocketServer({ server, path: '/ws' });

wss.on('connection', (ws, req) => {
  const channel = new URL(req.url, 'http://localhost').searchParams.get('channel') || 'general';
  let sockets = followers.get(channel);
  if (!sockets) {
    sockets = new Set();
    followers.set(channel, sockets);
  }

  sockets.add(ws);
  ws.send(JSON.stringify({ type: 'welcome', replica, channels: [channel] }));
  ws.on('close', () => {
    sockets.delete(ws);
    if (sockets.size === 0) {
      followers.delete(channel);
    }
  });
  ws.on('error', () => ws.terminate());
});

redis.psubscribe(prefix + '*');
redis.on('pmessage', (_pattern, redisChannel, payload) => {
  const sockets = followers.get(redisChannel.slice(prefix.length));
  if (!sockets) {
    return;
  }

  for (const ws of sockets) {
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(payload);
    }
  }
});

server.listen(port, '127.0.0.1', () => console.log(`${replica} listening on ${port}`));
