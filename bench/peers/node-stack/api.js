// The Node stack's HTTP API: POST /api/messages {"channel","text"} → PUBLISH relay:channel:<channel> → 202.
// PORT and REDIS_URL from the environment. GET /health answers once Redis is connected.
'use strict';

const http = require('node:http');
const { randomUUID } = require('node:crypto');
const Redis = require('ioredis');

const port = Number(process.env.PORT || 3000);
const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');

function answer(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    answer(res, redis.status === 'ready' ? 200 : 503, { status: redis.status });
    return;
  }

  if (req.method !== 'POST' || req.url !== '/api/messages') {
    answer(res, 404, { error: 'not found' });
    return;
  }

  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      answer(res, 400, { error: 'invalid JSON' });
      return;
    }

    if (typeof body.channel !== 'string' || body.channel === '' || typeof body.text !== 'string' || body.text === '') {
      answer(res, 400, { error: 'channel and text are required' });
      return;
    }

    const message = {
      type: 'message',
      id: randomUUID(),
      channel: body.channel,
      sender: typeof body.sender === 'string' ? body.sender : 'anonymous',
      text: body.text,
      publishedAt: new Date().toISOString(),
    };
    try {
      await redis.publish('relay:channel:' + body.channel, JSON.stringify(message));
      answer(res, 202, { id: message.id, publishedAt: message.publishedAt });
    } catch (err) {
      answer(res, 503, { error: String(err) });
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`node-api listening on ${port}`));
