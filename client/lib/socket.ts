import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/contracts/errors';
import type {
  ClientAckData,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/contracts/events';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Refusals that never reach the server: the phone is offline or the answer did not come back. */
export type LocalFailure = { error: { code: 'offline' | 'timeout'; message: string } };
export type CallResult<T> = Ack<T> | LocalFailure;

export function createSocket(): AppSocket {
  // A shorter handshake timeout than the 20 s default: a hung attempt on a flaky network is retried sooner.
  // WebSocket first, so several server processes need no sticky sessions; HTTP long-polling only where
  // a network blocks WebSockets (README, "Run on several servers").
  return io({ autoConnect: false, timeout: 10_000, transports: ['websocket', 'polling'], tryAllTransports: true });
}

type Emitter = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

/**
 * Sends only on a live connection: Socket.IO would otherwise buffer the event and deliver it
 * after a reconnect, long after the person stopped waiting for it.
 */
export async function emitCall<E extends ClientEventName>(
  socket: AppSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs: number,
  messages: { offline: string; timeout: string },
): Promise<CallResult<ClientAckData[E]>> {
  if (!socket.connected) return { error: { code: 'offline', message: messages.offline } };
  try {
    const emitter = socket.timeout(timeoutMs) as unknown as Emitter;
    return (await emitter.emitWithAck(event, payload)) as Ack<ClientAckData[E]>;
  } catch {
    return { error: { code: 'timeout', message: messages.timeout } };
  }
}
