'use strict';

// Message text is user input: it is only ever set with textContent, never parsed as HTML.
(() => {
  const SENDER_KEY = 'relay.sender.name';
  const MAX_TEXT = 4096;
  const MAX_DATA_BYTES = 64 * 1024;
  // Waits before retries 1 … 5; each gets ±20 % jitter, so pages that failed together don't retry together.
  const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
  const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
  const MAX_RETRY_AFTER_MS = 30_000;
  // Longer than the Sender server's own timeouts: it answers 504 first unless the page lost the server.
  const ATTEMPT_TIMEOUT_MS = 35_000;
  // Worth another attempt with the same Idempotency-Key: the Sender server was unreachable (0), the Api was
  // unreachable or busy, or did not confirm. Any other 4xx/5xx would be refused again.
  const RETRYABLE = new Set([0, 429, 502, 503, 504]);

  const form = document.getElementById('compose');
  const channelInput = document.getElementById('channel');
  const senderInput = document.getElementById('sender');
  const textInput = document.getElementById('text');
  const fileInput = document.getElementById('file');
  const sendButton = document.getElementById('send');
  const outcomes = document.getElementById('outcomes');
  const textLength = document.getElementById('text-length');

  // Sends go out one at a time, in the order they were made: Enter pressed while one is in flight (or
  // waiting to retry) queues the next instead of dropping it, and the order of the messages is kept.
  const queue = [];
  let sending = false;

  senderInput.value = localStorage.getItem(SENDER_KEY) ?? '';
  senderInput.addEventListener('change', () => localStorage.setItem(SENDER_KEY, senderInput.value));

  textInput.addEventListener('input', updateLength);
  textInput.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      enqueueText();
    }
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    enqueueText();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) enqueueFile(file);
  });

  function enqueueText() {
    const message = { channel: channelInput.value.trim(), sender: senderInput.value, text: textInput.value };
    enqueue(message, Promise.resolve(message));
    textInput.value = '';
    updateLength();
    textInput.focus();
  }

  function enqueueFile(file) {
    const contentType = file.type || 'application/octet-stream';
    const message = { channel: channelInput.value.trim(), sender: senderInput.value, file: { name: file.name, size: file.size, contentType } };
    const refusal = file.size === 0 ? `${file.name} is empty: a binary message needs at least 1 byte.`
      : file.size > MAX_DATA_BYTES ? `${file.name} is ${file.size} bytes: a file can be at most ${MAX_DATA_BYTES} bytes (64 KiB). Nothing was sent.`
      : null;
    if (refusal) {
      const view = createOutcome(message, null);
      view.failed({ status: 0, body: { detail: refusal } }, 0, 'Not sent');
      return;
    }
    const ready = readBase64(file).then(data => ({ channel: message.channel, sender: message.sender, data, contentType }));
    enqueue(message, ready);
  }

  function enqueue(message, ready) {
    localStorage.setItem(SENDER_KEY, senderInput.value);
    const key = newIdempotencyKey();
    // A rejection is handled when the entry's turn comes; this only keeps it from counting as unhandled meanwhile.
    ready.catch(() => {});
    queue.push({ key, ready, view: createOutcome(message, key) });
    void drain();
  }

  async function drain() {
    if (sending) return;
    sending = true;
    sendButton.disabled = true;
    try {
      while (queue.length > 0) await deliver(queue.shift());
    } finally {
      sending = false;
      sendButton.disabled = false;
    }
  }

  // Every attempt carries the same Idempotency-Key, so however many reach the Api, the message is published once.
  async function deliver({ key, ready, view }) {
    let body;
    try {
      body = await ready;
    } catch (error) {
      view.failed({ status: 0, body: { title: 'The file could not be read', detail: String(error?.message ?? error) } }, 0, 'Not sent');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      view.sending(attempt);
      const result = await post(body, key);
      if (result.ok) {
        view.accepted(result, attempt);
        return;
      }
      if (!RETRYABLE.has(result.status) || attempt >= MAX_ATTEMPTS) {
        view.failed(result, attempt);
        return;
      }
      const delay = retryDelay(attempt, result.retryAfterMs);
      view.retrying(result, attempt, delay);
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }

  async function post(body, key) {
    try {
      const response = await fetch('/send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const type = response.headers.get('Content-Type') ?? '';
      const answer = type.includes('json') ? await response.json().catch(() => null) : null;
      return {
        status: response.status,
        ok: response.ok,
        body: answer,
        replayed: response.headers.get('Idempotent-Replayed')?.toLowerCase() === 'true',
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
      };
    } catch {
      return { status: 0, ok: false, body: { title: 'The Sender server could not be reached' } };
    }
  }

  function retryDelay(attempt, retryAfterMs) {
    const base = RETRY_DELAYS_MS[attempt - 1];
    const jittered = Math.round(base * (0.8 + Math.random() * 0.4));
    return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  }

  function parseRetryAfter(value) {
    if (!value) return null;
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
  }

  // ---- outcomes -----------------------------------------------------------------------------

  // One list item per message, made when the message is queued and updated as its attempts go.
  function createOutcome(message, key) {
    const item = document.createElement('li');
    item.dataset.status = 'queued';
    item.dataset.attempts = '0';
    if (key) item.dataset.key = key;

    const head = append(item, 'div', 'head');
    const badge = append(head, 'span', 'badge', 'Queued');
    append(head, 'span', 'channel', message.channel);
    append(head, 'span', 'when', new Date().toLocaleTimeString());
    if (message.file) {
      append(item, 'p', 'file', `${message.file.name} · ${message.file.contentType} · ${formatBytes(message.file.size)}`);
    } else {
      append(item, 'p', 'text', message.text);
    }
    const details = append(item, 'div', 'details');
    outcomes.prepend(item);

    function update(status, attempts, badgeText) {
      item.dataset.status = status;
      item.dataset.attempts = String(attempts);
      badge.textContent = badgeText;
      details.replaceChildren();
    }

    return {
      sending(attempt) {
        update('sending', attempt, 'Sending');
        append(details, 'p', 'progress', attempt === 1 ? 'sending…' : `attempt ${attempt} of ${MAX_ATTEMPTS}…`);
      },
      retrying(result, attempt, delayMs) {
        update('retrying', attempt, 'Retrying');
        append(details, 'p', 'progress', `retry ${attempt} of ${MAX_ATTEMPTS - 1} in ${(delayMs / 1000).toFixed(1)} s`);
        append(details, 'p', 'reason', describe(result));
      },
      accepted({ status, body, replayed }, attempt) {
        update('accepted', attempt, `${status} Accepted`);
        item.dataset.replayed = String(replayed);
        if (replayed) append(details, 'p', 'progress', 'accepted (retry matched the first attempt)');
        else if (attempt > 1) append(details, 'p', 'progress', `accepted on attempt ${attempt}`);
        const id = append(details, 'p', 'id', 'id ');
        append(id, 'code', '', String(body?.id ?? ''));
        const position = append(details, 'p', 'position', 'offset ');
        append(position, 'span', 'offset', String(body?.offset ?? ''));
        position.append(' · epoch ');
        append(position, 'code', 'epoch', String(body?.epoch ?? ''));
      },
      // Kept as data-status="error" (the tests' word for it) whether refused at once or after the last retry.
      failed(result, attempts, badgeText) {
        update('error', attempts, badgeText ?? (result.status === 0 ? 'Network error' : `HTTP ${result.status}`));
        if (attempts > 1) append(details, 'p', 'progress', `failed after ${attempts} attempts`);
        append(details, 'p', 'problem', describe(result));
        // Divs rather than a nested list: each outcome stays one li under #outcomes.
        const errors = Object.entries(result.body?.errors ?? {});
        if (errors.length > 0) {
          const list = append(details, 'div', 'errors');
          for (const [field, messages] of errors) {
            for (const text of [].concat(messages)) append(list, 'div', '', `${field}: ${text}`);
          }
        }
      },
    };
  }

  function describe({ status, body }) {
    const summary = [body?.title, body?.detail].filter(Boolean).join(': ');
    const prefix = status === 0 ? '' : `${status} `;
    return prefix + (summary || 'The message was not accepted.');
  }

  // ---- helpers ------------------------------------------------------------------------------

  function readBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      // A data URL is "data:<type>;base64,<data>": the part after the first comma is the payload.
      reader.onload = () => {
        const url = String(reader.result);
        resolve(url.slice(url.indexOf(',') + 1));
      };
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsDataURL(file);
    });
  }

  // crypto.randomUUID exists only in secure contexts (https, localhost); the page may be served over plain
  // http on another host name, where getRandomValues still works.
  function newIdempotencyKey() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function formatBytes(bytes) {
    return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  }

  function append(parent, tag, className, text) {
    const child = document.createElement(tag);
    if (className) child.className = className;
    if (text !== undefined) child.textContent = text;
    parent.append(child);
    return child;
  }

  function updateLength() {
    textLength.textContent = `${textInput.value.length} / ${MAX_TEXT}`;
  }
})();
