import { append } from './dom.js';

// Previewed as <img> from a data: URL. Never SVG (it is a document that can carry script and links) or
// any other type: those show only their type and size.
const PREVIEWED_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The list item of one message frame: li.message[data-id][data-channel][data-offset][data-epoch]. */
export function renderMessage(frame, offset, epoch) {
  const publishedAt = Date.parse(frame.publishedAt);
  const item = document.createElement('li');
  item.className = 'message';
  item.dataset.id = String(frame.id ?? '');
  item.dataset.channel = String(frame.channel);
  if (offset !== null) item.dataset.offset = String(offset);
  if (epoch !== null) item.dataset.epoch = epoch;

  const meta = append(item, 'div', 'meta');
  append(meta, 'span', 'channel', String(frame.channel));
  append(meta, 'span', 'sender', String(frame.sender ?? ''));
  if (offset !== null) append(meta, 'span', 'offset', String(offset)).title = `offset ${offset} of epoch ${epoch ?? '?'}`;
  append(meta, 'span', 'time', Number.isNaN(publishedAt) ? '' : new Date(publishedAt).toLocaleTimeString());
  append(meta, 'span', 'latency', Number.isNaN(publishedAt) ? '' : `${Math.max(0, Math.round(Date.now() - publishedAt))} ms`);

  if (typeof frame.data === 'string') appendBinary(item, frame.data, String(frame.contentType ?? 'application/octet-stream'));
  else append(item, 'p', 'text', String(frame.text ?? ''));
  return item;
}

function appendBinary(item, data, contentType) {
  const bytes = decodedLength(data);
  const box = append(item, 'div', 'binary');
  box.dataset.contentType = contentType;
  box.dataset.bytes = String(bytes);
  append(box, 'span', 'content-type', contentType);
  append(box, 'span', 'size', `${bytes} bytes`);

  // The media type put into the URL is one of the fixed set, never the sender's string.
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (PREVIEWED_IMAGES.has(type) && BASE64.test(data)) {
    const image = append(box, 'img', 'preview');
    image.alt = `${type}, ${bytes} bytes`;
    image.decoding = 'async';
    image.src = `data:${type};base64,${data}`;
  }
}

/** The byte length of padded base64 (the Api accepts nothing else). */
function decodedLength(base64) {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor(base64.length * 3 / 4) - padding;
}
