import { STATUS_CODES, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
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

/** A request refused with an answer, or dropped unanswered (its connection destroyed, nothing read). */
export type RequestVerdict = RequestRefusal | 'penalised' | 'drop';

const ANSWERS: Record<Exclude<RequestVerdict, 'drop'>, { status: number; message: string }> = {
  host_refused: { status: 403, message: 'This server does not answer to that name.' },
  origin_refused: { status: 403, message: 'Only this app’s own pages may connect.' },
  jsonp_refused: { status: 403, message: 'JSONP polling is not supported.' },
  penalised: { status: 429, message: 'Too much from this address; try again in a minute.' },
};

function body(code: Exclude<RequestVerdict, 'drop'>): string {
  return JSON.stringify({ error: { code, message: ANSWERS[code].message } });
}

/**
 * Runs `check` before every HTTP request and upgrade the server (Express and engine.io alike) sees.
 * Call it after Socket.IO has attached, so its listeners are the ones wrapped.
 */
export function guardRequests(httpServer: HttpServer, check: (req: IncomingMessage) => RequestVerdict | null): void {
  const onRequest = httpServer.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const onUpgrade = httpServer.listeners('upgrade') as Array<
    (req: IncomingMessage, socket: Socket, head: Buffer) => void
  >;
  httpServer.removeAllListeners('request');
  httpServer.removeAllListeners('upgrade');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = check(req);
    if (!refusal) return onRequest.forEach((listener) => listener.call(httpServer, req, res));
    if (refusal === 'drop') return req.socket.destroy();
    res.writeHead(ANSWERS[refusal].status, {
      ...ENGINE_SECURITY_HEADERS,
      'Content-Type': 'application/json',
      Connection: 'close',
    });
    res.end(body(refusal));
  });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refusal = check(req);
    if (!refusal) return onUpgrade.forEach((listener) => listener.call(httpServer, req, socket, head));
    if (refusal === 'drop') return socket.destroy();
    socket.on('error', () => {});
    const text = body(refusal);
    const { status } = ANSWERS[refusal];
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  });
}

/** Node's listening TCP handle: it calls `onconnection` with each accepted connection's handle. */
interface ListeningHandle {
  onconnection: (this: ListeningHandle, err: number, client?: AcceptedHandle) => void;
}

interface AcceptedHandle {
  getpeername?(out: { address?: string }): number;
  close(): void;
}

/**
 * The cheapest refusals there are, as a TCP connection is accepted and before Node makes a socket of it
 * (half the cost of destroying one in a 'connection' listener, which matters when one address opens
 * thousands a second): connections from a penalised address, and those past `maxPerAddress` open at
 * once from one address, so that a burst of connections is not read and parsed before its handshakes
 * have had the address penalised. This is what Node's own `maxConnections` does for the whole server
 * and its `blockList` server option (Node 22.13+; a list that cannot shrink) does per address. Only when
 * the peer is the client itself: a trusted proxy's connections carry many clients, whose requests
 * `guardRequests` refuses one by one.
 */
export function guardAccept(
  httpServer: HttpServer,
  trust: Trust,
  door: { isPenalised: (address: string) => boolean; maxPerAddress: number },
): void {
  const open = new Map<string, number>();
  // A server can listen again after closing, on a new handle.
  httpServer.on('listening', () => {
    const handle = (httpServer as unknown as { _handle: ListeningHandle | null })._handle;
    if (!handle) return;
    const accept = handle.onconnection;
    handle.onconnection = function (err, client) {
      if (!err && client?.getpeername) {
        const peer: { address?: string } = {};
        client.getpeername(peer);
        const address = peer.address;
        if (address !== undefined && !trust(address, 0)) {
          if ((open.get(address) ?? 0) >= door.maxPerAddress || door.isPenalised(address)) return client.close();
        }
      }
      accept.call(this, err, client);
    };
  });
  httpServer.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || trust(address, 0)) return;
    open.set(address, (open.get(address) ?? 0) + 1);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
