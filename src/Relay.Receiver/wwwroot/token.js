/**
 * The page's connection token, from its own server (POST /api/token). Browsers cannot set headers on a WebSocket,
 * so the socket offers the token as a subprotocol (`relay.token.<jwt>`, beside `relay.v1`, which the server picks);
 * the page's reads of the Api send it as a bearer token. Never in a URL. See docs/security.md.
 */
const FETCH_TIMEOUT_MS = 3_000;
// Refreshed when three quarters of its life are gone, and at least 5 s before it ends.
const REFRESH_AT = 0.75;
const REFRESH_MARGIN_MS = 5_000;

export const PROTOCOL = 'relay.v1';

export class ConnectionToken {
  #current = null;

  /**
   * Asks the server for a token for `name` (empty: a nameless guest, who keeps the guest subject it had, so a refresh
   * stays under the same subject); throws with the server's reason.
   */
  async fetch(name) {
    const guest = !name && this.#current?.subject?.startsWith('guest-') ? this.#current.subject : null;
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name: name || null, guest }),
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok || typeof body?.token !== 'string') {
      throw new Error(body?.detail ?? body?.title ?? `HTTP ${response.status}`);
    }
    this.#current = { token: body.token, subject: body.subject, expiresAt: Date.parse(body.expiresAt), channels: body.channels ?? [] };
    return this.#current;
  }

  get token() {
    return this.#current?.token ?? null;
  }

  /** The subprotocols a WebSocket offers. */
  protocols() {
    return this.#current ? [PROTOCOL, `relay.token.${this.#current.token}`] : [PROTOCOL];
  }

  /** Headers for the page's reads of the Api (history, presence). */
  headers() {
    const headers = { Accept: 'application/json' };
    if (this.#current) headers.Authorization = `Bearer ${this.#current.token}`;
    return headers;
  }

  /** How long to wait before refreshing a token that ends at `expiresAt` (ms since the epoch), issued about now. */
  refreshDelay(expiresAt) {
    const left = expiresAt - Date.now();
    return Math.max(1_000, Math.min(left * REFRESH_AT, left - REFRESH_MARGIN_MS));
  }
}
