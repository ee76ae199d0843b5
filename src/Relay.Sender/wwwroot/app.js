'use strict';

// Message text is user input: it is only ever set with textContent, never parsed as HTML.
(() => {
  const SENDER_KEY = 'relay.sender.name';
  const MAX_TEXT = 4096;

  const form = document.getElementById('compose');
  const channelInput = document.getElementById('channel');
  const senderInput = document.getElementById('sender');
  const textInput = document.getElementById('text');
  const sendButton = document.getElementById('send');
  const outcomes = document.getElementById('outcomes');
  const textLength = document.getElementById('text-length');

  // Sends go out one at a time, in the order they were made: Enter pressed while one is in
  // flight queues the next instead of dropping it, and the order of the messages is kept.
  const queue = [];
  let sending = false;

  senderInput.value = localStorage.getItem(SENDER_KEY) ?? '';
  senderInput.addEventListener('change', () => localStorage.setItem(SENDER_KEY, senderInput.value));

  textInput.addEventListener('input', updateLength);
  textInput.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      enqueue();
    }
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    enqueue();
  });

  function enqueue() {
    localStorage.setItem(SENDER_KEY, senderInput.value);
    queue.push({ channel: channelInput.value.trim(), sender: senderInput.value, text: textInput.value });
    textInput.value = '';
    updateLength();
    textInput.focus();
    void drain();
  }

  async function drain() {
    if (sending) return;
    sending = true;
    sendButton.disabled = true;
    try {
      while (queue.length > 0) {
        const message = queue.shift();
        showOutcome(message, await post(message));
      }
    } finally {
      sending = false;
      sendButton.disabled = false;
    }
  }

  async function post(message) {
    try {
      const response = await fetch('/send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(message),
      });
      const type = response.headers.get('Content-Type') ?? '';
      const body = type.includes('json') ? await response.json().catch(() => null) : null;
      return { status: response.status, ok: response.ok, body };
    } catch {
      return { status: 0, ok: false, body: { title: 'The Sender server could not be reached' } };
    }
  }

  function showOutcome(message, { status, ok, body }) {
    const item = document.createElement('li');
    item.dataset.status = ok ? 'accepted' : 'error';

    const head = append(item, 'div', 'head');
    append(head, 'span', 'badge', ok ? `${status} Accepted` : status === 0 ? 'Network error' : `HTTP ${status}`);
    append(head, 'span', 'channel', message.channel);
    append(head, 'span', 'when', new Date().toLocaleTimeString());
    append(item, 'p', 'text', message.text);

    if (ok) {
      const id = append(item, 'p', 'id', 'id ');
      append(id, 'code', '', body?.id ?? '');
    } else {
      const summary = [body?.title, body?.detail].filter(Boolean).join(': ');
      append(item, 'p', 'problem', summary || 'The message was not accepted.');
      // Divs rather than a nested list: each outcome stays one li under #outcomes.
      const errors = Object.entries(body?.errors ?? {});
      if (errors.length > 0) {
        const list = append(item, 'div', 'errors');
        for (const [field, messages] of errors) {
          for (const text of [].concat(messages)) append(list, 'div', '', `${field}: ${text}`);
        }
      }
    }

    outcomes.prepend(item);
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
