import type { IncomingMessage } from 'node:http';
import type { Logger } from '../log.js';
import type { AddressLimiter, PacketVerdict } from './address-limiter.js';
import { clientAddressOf, type Trust } from './client-address.js';

/** The engine-level connection under a socket: its client address, and the verdicts on its event frames. */
export interface EngineConnection {
  clientAddress?: string;
  /** Oldest first; one per event frame not yet dispatched. */
  verdicts?: PacketVerdict[];
  /** Cut off for flooding: closing, and every later frame gets no answer. */
  cut?: boolean;
}

const PASS: PacketVerdict = { kind: 'pass' };
const CUT: PacketVerdict = { kind: 'cut' };
/**
 * With limits on, a connection is cut off long before this many frames wait; only a client that sends
 * events to a namespace it has not joined leaves verdicts behind, and they must not pile up.
 */
const MAX_QUEUED_VERDICTS = 1024;

/**
 * The verdict on the event being dispatched now. Socket.IO decodes a frame at once but hands the event
 * to its socket on a later tick, after the frames that arrived with it were counted, so verdicts
 * queue in frame order. A verdict can only be misplaced onto another of the same connection's events,
 * so no more events pass than its buckets allowed.
 */
export function takeVerdict(connection: EngineConnection): PacketVerdict {
  return connection.verdicts?.shift() ?? (connection.cut ? CUT : PASS);
}

/** A Socket.IO EVENT ('2') or BINARY_EVENT ('5') frame for the main namespace (another one starts `2/`). */
function isMainEvent(packet: EnginePacket): boolean {
  const data = packet.data;
  return (
    packet.type === 'message' && typeof data === 'string' && (data[0] === '2' || data[0] === '5') && data[1] !== '/'
  );
}

type EnginePacket = { type: string; data?: unknown };

/** An engine.io transport; the WebSocket one keeps its `ws` connection as `socket`. */
interface RawTransport {
  socket?: { on?(event: 'error', listener: (err: { code?: string }) => void): void };
}

interface RawConnection extends EngineConnection {
  request: IncomingMessage | null;
  transport: RawTransport;
  on(event: 'packet', listener: (this: RawConnection, packet: EnginePacket) => void): void;
  on(event: 'upgrade', listener: (this: RawConnection, transport: RawTransport) => void): void;
  on(event: 'close', listener: (this: RawConnection) => void): void;
  removeAllListeners(event: 'data'): void;
  close(): void;
}

/** ws's error for a frame whose header announces more than `maxPayload`: it reads no further. */
const OVERSIZED_FRAME = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

interface Engine {
  on(event: 'connection', listener: (connection: RawConnection) => void): void;
  on(event: 'headers', listener: (headers: Record<string, string>, req: IncomingMessage) => void): void;
}

/**
 * The address each admitted handshake came from, until its connection takes it. Not a property on the
 * request: engine.io deletes one of its own from the request after this hook, and a deletion that is not
 * of the last property added turns the object into a slow dictionary (about 1.5 KB), which the upgrade
 * keeps alive as long as the connection.
 */
const handshakeAddresses = new WeakMap<IncomingMessage, string>();

/**
 * engine.io's handshake hook: works out the client address once (as Express would, through the same
 * trust function) and admits the connection or refuses it with a code, before any socket exists.
 */
export function admitHandshake(limiter: AddressLimiter, trust: Trust) {
  return (req: IncomingMessage, callback: (code: string | null, ok: boolean) => void) => {
    const address = clientAddressOf(req, trust);
    const refusal = limiter.admit(address);
    if (refusal) return callback(refusal, false);
    handshakeAddresses.set(req, address);
    callback(null, true);
  };
}

/**
 * Counts every inbound frame before Socket.IO decodes it (events, acks, heartbeats, anything). The
 * verdict on an event frame is queued for the event dispatcher; a connection that keeps flooding past
 * its warning is closed and its address penalised.
 */
export function gateEngine(
  engine: Engine,
  limiter: AddressLimiter,
  log: Logger,
  securityHeaders: Readonly<Record<string, string>>,
): void {
  engine.on('headers', (headers) => Object.assign(headers, securityHeaders));
  // Shared by every connection (engine.io calls them on it): a closure each would cost every socket its own.
  function onPacket(this: RawConnection, packet: EnginePacket): void {
    if (this.cut) return;
    const verdict = limiter.packet(this, this.clientAddress!);
    if (verdict.kind !== 'cut') {
      if (isMainEvent(packet) && this.verdicts!.push(verdict) > MAX_QUEUED_VERDICTS) this.verdicts!.shift();
      return;
    }
    this.cut = true;
    // Socket.IO stops hearing it: what it sends from here on gets no answer anyway, and is not even
    // decoded (the rest of the chunk this frame came in is a couple of thousand frames for a flooder).
    this.removeAllListeners('data');
    log.warn('connection.cut', { reason: 'flood' });
    // After the events already decoded have had their answers (their warnings among them).
    setImmediate(() => this.close());
  }
  // A frame over maxHttpBufferSize closes the connection from its length alone, unread. No client of
  // ours sends one (the app's events are at most 64 KB), so it is abuse: the address is penalised at
  // once rather than left to reconnect and send the next one until its handshake rate runs out.
  function watchFrames(address: string, transport: RawTransport): void {
    transport.socket?.on?.('error', (err) => {
      if (err.code !== OVERSIZED_FRAME) return;
      log.warn('connection.cut', { reason: 'oversized_frame' });
      limiter.penalise(address);
    });
  }
  function onUpgrade(this: RawConnection, transport: RawTransport): void {
    watchFrames(this.clientAddress!, transport);
  }
  function onClose(this: RawConnection): void {
    limiter.closed(this.clientAddress!);
  }
  engine.on('connection', (connection) => {
    const address = (connection.request && handshakeAddresses.get(connection.request)) ?? 'unknown';
    connection.clientAddress = address;
    // Nothing reads the upgrade request after the handshake; keeping it costs a few KB per socket.
    connection.request = null;
    limiter.opened(address);
    connection.verdicts = [];
    connection.on('packet', onPacket);
    watchFrames(address, connection.transport);
    connection.on('upgrade', onUpgrade);
    connection.on('close', onClose);
  });
}
