import type { Ack } from '../../shared/contracts/errors';
import type { ClientAckData, ClientEventName, ClientPayload } from '../../shared/contracts/events';
import type { AppSocket, CallResult } from './socket';

type Emitter = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

/**
 * Sends only on a live connection: Socket.IO would otherwise buffer the event and deliver it
 * after a reconnect, long after the person stopped waiting for it. No socket yet counts as offline.
 */
export async function emitCall<E extends ClientEventName>(
  socket: AppSocket | null,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs: number,
): Promise<CallResult<ClientAckData[E]>> {
  if (!socket?.connected) return { error: { code: 'offline' } };
  try {
    const emitter = socket.timeout(timeoutMs) as unknown as Emitter;
    return (await emitter.emitWithAck(event, payload)) as Ack<ClientAckData[E]>;
  } catch {
    return { error: { code: 'timeout' } };
  }
}
