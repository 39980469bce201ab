import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Trust } from './client-address.js';
import type { RequestRefusal } from './origin.js';

/** Engine.io answers long-polling itself, past Express and helmet: its responses get these here. */
export const ENGINE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const MESSAGES: Record<RequestRefusal, string> = {
  host_refused: 'This server does not answer to that name.',
  origin_refused: 'Only this app’s own pages may connect.',
  jsonp_refused: 'JSONP polling is not supported.',
};

function body(code: RequestRefusal): string {
  return JSON.stringify({ error: { code, message: MESSAGES[code] } });
}

/**
 * Runs `check` before every HTTP request and upgrade the server (Express and engine.io alike) sees.
 * Call it after Socket.IO has attached, so its listeners are the ones wrapped.
 */
export function guardRequests(httpServer: HttpServer, check: (req: IncomingMessage) => RequestRefusal | null): void {
  const onRequest = httpServer.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const onUpgrade = httpServer.listeners('upgrade') as Array<
    (req: IncomingMessage, socket: Socket, head: Buffer) => void
  >;
  httpServer.removeAllListeners('request');
  httpServer.removeAllListeners('upgrade');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = check(req);
    if (!refusal) return onRequest.forEach((listener) => listener.call(httpServer, req, res));
    res.writeHead(403, { ...ENGINE_SECURITY_HEADERS, 'Content-Type': 'application/json', Connection: 'close' });
    res.end(body(refusal));
  });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refusal = check(req);
    if (!refusal) return onUpgrade.forEach((listener) => listener.call(httpServer, req, socket, head));
    socket.on('error', () => {});
    const text = body(refusal);
    socket.end(
      `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  });
}

/**
 * The cheapest refusal there is: a TCP connection from a penalised address is closed before a byte of
 * it is read. Only when the peer is the client itself; a trusted proxy's connections carry many clients.
 */
export function refusePenalisedPeers(
  httpServer: HttpServer,
  trust: Trust,
  isPenalised: (address: string) => boolean,
): void {
  httpServer.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress;
    if (peer !== undefined && !trust(peer, 0) && isPenalised(peer)) socket.destroy();
  });
}
