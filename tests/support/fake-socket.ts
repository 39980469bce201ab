import type { AppSocket } from '../../client/lib/socket.js';

type Handler = (...args: unknown[]) => void;
/** How the fake server answers one call; the default answers nothing until the test settles it. */
export type Answer = (payload: unknown) => Promise<unknown>;

/** One `emitWithAck` the client made, with a way to answer (or time out) it from the test. */
export interface SentCall {
  event: string;
  payload: unknown;
  answer(value: unknown): void;
  timeOut(): void;
}

/**
 * A stand-in for the Socket.IO client socket: the part the connection store uses. The test plays the
 * server: `serverAccepts` finishes a handshake, `dropLink` loses the connection, `push` sends an event,
 * and every call is recorded in `sent` to be answered.
 */
export class FakeSocket {
  connected = false;
  /** Socket.IO's "will reconnect on its own". */
  active = false;
  auth: Record<string, unknown> = {};
  connects = 0;
  readonly sent: SentCall[] = [];
  /** Calls the fake server answers at once, by event name. */
  readonly answers = new Map<string, Answer>();
  private readonly handlers = new Map<string, Handler[]>();
  /** Like Socket.IO, a lost connection fails the calls still waiting for an answer. */
  private readonly waiting = new Set<() => void>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (...args) => {
      this.handlers.set(
        event,
        (this.handlers.get(event) ?? []).filter((h) => h !== wrapped),
      );
      handler(...args);
    };
    return this.on(event, wrapped);
  }

  connect(): this {
    this.connects++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.lose('io client disconnect');
    return this;
  }

  timeout(_ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } {
    return {
      emitWithAck: (event, payload) => {
        const answer = this.answers.get(event);
        if (answer) {
          this.sent.push({ event, payload, answer: () => {}, timeOut: () => {} });
          return answer(payload);
        }
        return new Promise((resolve, reject) => {
          const fail = () => reject(new Error('socket has been disconnected'));
          this.waiting.add(fail);
          const settled = () => this.waiting.delete(fail);
          this.sent.push({
            event,
            payload,
            answer: (value) => (settled(), resolve(value)),
            timeOut: () => (settled(), reject(new Error('operation has timed out'))),
          });
        });
      },
    };
  }

  /** The server completed a handshake. */
  serverAccepts(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The link dropped (the phone went out of range); Socket.IO keeps trying on its own. */
  dropLink(): void {
    this.connected = false;
    this.lose('transport close');
  }

  /** The server sent an event. */
  push(event: string, ...args: unknown[]): void {
    this.fire(event, ...args);
  }

  fail(data: { code: string }): void {
    this.fire('connect_error', Object.assign(new Error(data.code), { data }));
  }

  calls(event: string): SentCall[] {
    return this.sent.filter((c) => c.event === event);
  }

  asSocket(): AppSocket {
    return this as unknown as AppSocket;
  }

  private lose(reason: string): void {
    for (const fail of this.waiting) fail();
    this.waiting.clear();
    this.fire('disconnect', reason);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

/** A Storage in memory, for stores that keep state in localStorage. */
export function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}
