import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type {
  ClientAckData,
  ClientEventName,
  ClientPayload,
  ServerToClientEvents,
} from '../../shared/contracts/events';
import { estimateOffset, PING_SAMPLES, type PingSample } from '../../shared/time/offset';
import { emitCall } from '../lib/call';
import type { AppSocket, CallResult } from '../lib/socket';
import { KEYS, read, save } from '../lib/storage';
import { credentialSchema, offsetSchema } from '../lib/stored';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';
type ServerEvent = keyof ServerToClientEvents;

const CALL_TIMEOUT_MS = 8000;
const PING_TIMEOUT_MS = 3000;
/** Middleware refusals stop Socket.IO's own retries; this keeps trying at a gentle pace. */
const RETRY_MS = 3000;
/** Countdowns show whole seconds; a quarter-second tick keeps two phones within a second of each other. */
const TICK_MS = 250;

/**
 * The socket, its status, this phone's credential and the clock offset to server time.
 * The socket is handed in by `start` (the Socket.IO client loads after the first screen; tests pass a
 * fake): until then every call answers "offline", and listeners wait for it.
 */
export const useConnectionStore = defineStore('connection', () => {
  let current: AppSocket | null = null;
  const status = ref<ConnectionStatus>('connecting');
  /** The browser says the network is gone: known at once, long before the socket's ping times out. */
  const offline = ref(typeof navigator !== 'undefined' && navigator.onLine === false);
  /** The server refused us because a service it depends on is down (server/realtime/availability.ts). */
  const unavailable = ref(false);
  const credential = ref<string | null>(read(KEYS.credential, credentialSchema));
  const offsetMs = ref(read(KEYS.offset, offsetSchema) ?? 0);
  const localNow = ref(Date.now());
  const serverNow = computed(() => localNow.value + offsetMs.value);
  const connected = computed(() => status.value === 'connected');
  let syncing: Promise<void> | null = null;
  let stopped = false;
  const connectHooks: Array<() => void> = [];
  const listeners: Array<[ServerEvent, ServerToClientEvents[ServerEvent]]> = [];

  /** Runs after every (re)connect, once the status already says connected. */
  function onConnect(hook: () => void): void {
    connectHooks.push(hook);
  }

  /** Listens to a server event, on the socket that is there now or the one that comes later. */
  function on<E extends ServerEvent>(event: E, handler: ServerToClientEvents[E]): void {
    listeners.push([event, handler]);
    current?.on(event, handler as never);
  }

  function call<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<CallResult<ClientAckData[E]>> {
    return emitCall(current, event, payload, timeoutMs);
  }

  /** Takes effect on the next handshake; linking attaches the current socket in place. */
  function setCredential(next: string | null): void {
    credential.value = next;
    save(KEYS.credential, next);
    if (current) current.auth = next ? { credential: next } : {};
  }

  /** A fresh handshake, for when this phone's identity changed under an open socket. */
  function reconnect(): Promise<void> {
    // No socket yet: the one that comes shakes hands with the current credential anyway.
    const socket = current;
    if (!socket) return Promise.resolve();
    socket.disconnect();
    socket.connect();
    return new Promise((resolve) => socket.once('connect', () => resolve()));
  }

  function syncClock(): Promise<void> {
    syncing ??= (async () => {
      const samples: PingSample[] = [];
      for (let i = 0; i < PING_SAMPLES; i++) {
        const t0 = Date.now();
        const res = await call('time:ping', { t0 }, PING_TIMEOUT_MS);
        if ('error' in res) break;
        samples.push({ t0, serverNow: res.data.serverNow, t1: Date.now() });
      }
      if (samples.length > 0) {
        offsetMs.value = estimateOffset(samples).offsetMs;
        save(KEYS.offset, offsetMs.value);
      }
    })().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  /** Connects the given socket (once): a Socket.IO client in the app, a fake in unit tests. */
  function start(socket: AppSocket): void {
    if (current || stopped) return;
    current = socket;
    for (const [event, handler] of listeners) socket.on(event, handler);
    socket.auth = credential.value ? { credential: credential.value } : {};
    socket.on('connect', () => {
      status.value = 'connected';
      offline.value = false;
      unavailable.value = false;
      void syncClock();
      for (const hook of connectHooks) hook();
    });
    socket.on('disconnect', (reason) => {
      status.value = 'reconnecting';
      // The server only hangs up on purpose after an unpair; come back as an unlinked phone.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      status.value = status.value === 'connecting' ? 'connecting' : 'reconnecting';
      unavailable.value = err.message === 'unavailable';
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'not_linked') {
        setCredential(null);
        socket.connect();
      } else if (!socket.active) {
        setTimeout(() => socket.connect(), RETRY_MS);
      }
    });
    // The socket would keep saying "connected" until its ping times out (about half a minute): the
    // browser knows sooner. Drop the dead socket and keep retrying, so sends fail fast (a pause is queued).
    window.addEventListener('offline', () => {
      offline.value = true;
      status.value = 'reconnecting';
      socket.disconnect().connect();
    });
    // A phone back on the network should not wait out a backoff or a half-open attempt.
    window.addEventListener('online', () => {
      offline.value = false;
      if (!socket.connected) socket.disconnect().connect();
    });
    socket.connect();
  }

  /** Quick exit: the socket closes, and one still on its way never opens. */
  function stop(): void {
    stopped = true;
    current?.disconnect();
  }

  // Countdowns tick from the first screen on, with or without a socket.
  const ticker = setInterval(() => {
    localNow.value = Date.now();
  }, TICK_MS);
  onScopeDispose(() => clearInterval(ticker));

  return {
    status,
    offline,
    unavailable,
    connected,
    credential,
    offsetMs,
    localNow,
    serverNow,
    call,
    setCredential,
    reconnect,
    syncClock,
    onConnect,
    on,
    start,
    stop,
  };
});
