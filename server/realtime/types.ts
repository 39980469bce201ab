import type { Server, Socket } from 'socket.io';
import type { AckError } from '../../shared/contracts/errors.js';
import type {
  ClientAckData,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/contracts/events.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PushService } from '../push/service.js';
import type { Store } from '../store/store.js';
import type { Happened } from './effects.js';

export interface SocketData {
  /** Set once the handshake credential checks out, or when this socket pairs. */
  deviceId?: string;
  coupleId?: string;
  address: string;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Deps {
  store: Store;
  clock: Clock;
  config: Config;
  log: Logger;
  io: AppServer;
  /** Web Push; absent when the server sends none (config.push.enabled false). */
  push?: PushService | null;
}

/** A handler's answer: the ack's data plus what the command did (its effects run once the ack is sent), or a refusal. */
export type HandlerResult<T> = { data: T; happened?: Happened } | AckError;

export type Handler<E extends ClientEventName> = (
  socket: AppSocket,
  payload: ClientPayload<E>,
  deps: Deps,
) => Promise<HandlerResult<ClientAckData[E]>>;

export type Handlers = { [E in ClientEventName]: Handler<E> };
