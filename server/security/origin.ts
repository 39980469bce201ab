import type { IncomingMessage } from 'node:http';

/**
 * CORS does not cover WebSockets, so the handshake's Origin is checked here.
 * Browsers always send Origin; a request without one is not a page in a browser and cannot ride a user's session.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** From the Socket.IO handshake, which outlives the HTTP request (dropped to save memory per socket). */
export function clientAddress(
  handshake: { headers: IncomingMessage['headers']; address: string },
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return handshake.address || 'unknown';
}

/** The engine-level connection under a socket, with the address worked out before its request is dropped. */
export interface EngineConnection {
  clientAddress?: string;
}
