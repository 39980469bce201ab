import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/contracts/errors';
import type { LocalErrorCode } from '../content/errors';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contracts/events';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Refusals that never reach the server: the phone is offline or the answer did not come back. */
export type LocalFailure = { error: { code: LocalErrorCode } };
export type CallResult<T> = Ack<T> | LocalFailure;

/** Loaded after the first screen (see client/online.ts): everywhere else imports only the types from here. */
export function createSocket(): AppSocket {
  // A shorter handshake timeout than the 20 s default: a hung attempt on a flaky network is retried sooner.
  // WebSocket first, so several server processes need no sticky sessions; HTTP long-polling only where
  // a network blocks WebSockets (README, "Run on several servers").
  return io({ autoConnect: false, timeout: 10_000, transports: ['websocket', 'polling'], tryAllTransports: true });
}
