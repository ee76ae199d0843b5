'use strict';

// Everything that comes from the server or the user is set with textContent, never parsed as HTML.
(() => {
  const CHANNEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
  const DEFAULT_CHANNEL = 'general';
  const MAX_CHANNELS = 64;
  const MAX_MESSAGES = 500;
  const MAX_ERRORS = 5;
  const BACKOFF_START_MS = 250;
  const BACKOFF_CAP_MS = 10_000;
  // Closes that mean the server refused something: worth telling the user before reconnecting.
  const REFUSALS = { 1003: 'unsupported data', 1008: 'policy violation', 1009: 'message too big', 4008: 'slow consumer' };

  const stateEl = document.getElementById('state');
  const replicaEl = document.getElementById('replica');
  const countEl = document.getElementById('count');
  const channelsEl = document.getElementById('channels');
  const channelInput = document.getElementById('channel-input');
  const errorsEl = document.getElementById('errors');
  const messagesEl = document.getElementById('messages');

  const channels = [];
  let socket = null;
  let firstAttempt = true;
  let attempt = 0;
  let received = 0;

  for (const name of initialChannels()) addChannel(name);
  if (channels.length === 0) addChannel(DEFAULT_CHANNEL);
  document.getElementById('subscribe-form').addEventListener('submit', event => {
    event.preventDefault();
    if (addChannel(channelInput.value.trim())) channelInput.value = '';
  });
  connect();

  function initialChannels() {
    const param = new URLSearchParams(location.search).get('channels');
    const names = (param ?? '').split(',').map(name => name.trim()).filter(Boolean);
    return names.length > 0 ? names : [DEFAULT_CHANNEL];
  }

  // ---- connection -------------------------------------------------------------------------

  function connect() {
    setState(firstAttempt ? 'connecting' : 'reconnecting');
    firstAttempt = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = channels.map(name => `channel=${encodeURIComponent(name)}`).join('&');
    let ws;
    try {
      ws = new WebSocket(`${scheme}://${location.host}/ws${query ? `?${query}` : ''}`);
    } catch (error) {
      showError(`Could not open the WebSocket: ${error.message}`);
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setState('connected');
    };
    ws.onmessage = event => {
      if (socket === ws) handleFrame(event.data);
    };
    ws.onclose = event => {
      if (socket !== ws) return;
      socket = null;
      replicaEl.textContent = '';
      for (const item of channelsEl.children) item.classList.add('pending');
      if (event.code in REFUSALS) {
        showError(`Connection closed ${event.code} (${event.reason || REFUSALS[event.code]}); reconnecting.`);
      }
      scheduleReconnect();
    };
  }

  // Exponential backoff with full jitter, so reconnecting pages don't arrive all at once.
  function scheduleReconnect() {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** attempt);
    attempt = Math.min(attempt + 1, 16);
    setState('reconnecting');
    setTimeout(connect, Math.random() * ceiling);
  }

  function setState(state) {
    stateEl.textContent = state;
    stateEl.dataset.state = state;
  }

  function sendFrame(frame) {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  // ---- frames -----------------------------------------------------------------------------

  function handleFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      showError('Received a frame that is not JSON.');
      return;
    }
    switch (frame?.type) {
      case 'welcome':
        replicaEl.textContent = String(frame.replica ?? '');
        reconcile(Array.isArray(frame.channels) ? frame.channels.map(String) : []);
        break;
      case 'subscribed':
        channelItem(frame.channel)?.classList.remove('pending');
        break;
      case 'message':
        showMessage(frame);
        break;
      case 'error':
        showError(String(frame.reason ?? 'The server refused a frame.'));
        break;
    }
  }

  // The list may have changed while disconnected, and a URL without channels follows the default:
  // bring the server's set in line with the list.
  function reconcile(serverChannels) {
    for (const name of serverChannels) {
      if (!channels.includes(name)) sendFrame({ type: 'unsubscribe', channel: name });
    }
    for (const name of channels) {
      if (serverChannels.includes(name)) channelItem(name)?.classList.remove('pending');
      else sendFrame({ type: 'subscribe', channel: name });
    }
  }

  function showMessage(frame) {
    // A message already on its way when its channel was removed.
    if (!channels.includes(frame.channel)) return;

    const publishedAt = Date.parse(frame.publishedAt);
    const item = document.createElement('li');
    item.className = 'message';
    item.dataset.id = String(frame.id ?? '');
    const meta = append(item, 'div', 'meta');
    append(meta, 'span', 'channel', String(frame.channel));
    append(meta, 'span', 'sender', String(frame.sender ?? ''));
    append(meta, 'span', 'time', Number.isNaN(publishedAt) ? '' : new Date(publishedAt).toLocaleTimeString());
    append(meta, 'span', 'latency', Number.isNaN(publishedAt) ? '' : `${Math.max(0, Math.round(Date.now() - publishedAt))} ms`);
    append(item, 'p', 'text', String(frame.text ?? ''));

    messagesEl.prepend(item);
    while (messagesEl.childElementCount > MAX_MESSAGES) messagesEl.lastElementChild.remove();
    countEl.textContent = String(++received);
  }

  function showError(text) {
    const item = document.createElement('li');
    append(item, 'span', 'when', new Date().toLocaleTimeString());
    append(item, 'span', 'reason', text);
    errorsEl.prepend(item);
    while (errorsEl.childElementCount > MAX_ERRORS) errorsEl.lastElementChild.remove();
  }

  // ---- channels ---------------------------------------------------------------------------

  function addChannel(name) {
    if (!name) return false;
    if (!CHANNEL_PATTERN.test(name)) {
      showError(`Invalid channel "${name}": a letter or digit, then up to 63 letters, digits or _ . : -`);
      return false;
    }
    if (channels.includes(name)) return true;
    if (channels.length >= MAX_CHANNELS) {
      showError(`A connection follows at most ${MAX_CHANNELS} channels.`);
      return false;
    }

    channels.push(name);
    const item = document.createElement('li');
    item.dataset.channel = name;
    item.className = 'pending';
    append(item, 'span', 'name', name);
    const remove = append(item, 'button', 'remove', '×');
    remove.type = 'button';
    remove.title = `Stop following ${name}`;
    remove.setAttribute('aria-label', remove.title);
    remove.addEventListener('click', () => removeChannel(name));
    channelsEl.append(item);

    sendFrame({ type: 'subscribe', channel: name });
    return true;
  }

  function removeChannel(name) {
    const index = channels.indexOf(name);
    if (index < 0) return;
    channels.splice(index, 1);
    channelItem(name)?.remove();
    sendFrame({ type: 'unsubscribe', channel: name });
  }

  function channelItem(name) {
    return [...channelsEl.children].find(item => item.dataset.channel === name);
  }

  function append(parent, tag, className, text) {
    const child = document.createElement(tag);
    if (className) child.className = className;
    if (text !== undefined) child.textContent = text;
    parent.append(child);
    return child;
  }
})();
