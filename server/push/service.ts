import webpush from 'web-push';
import { ownPause } from '../../shared/pause/machine.js';
import type { PauseView } from '../../shared/contracts/snapshot.js';
import { PUSH_TEXT, PUSH_TITLE, type PushKind, type PushPayload } from '../../shared/contracts/push.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PushSubscriptionRecord, Store } from '../store/store.js';
import { loadVapidKeys } from './vapid.js';

/** A push service that has not answered by then is given up on; the next notice tries again. */
const SEND_TIMEOUT_MS = 10_000;
/** A "time to check in" stays worth delivering for a while: the check-in waits until they answer. */
const TIME_UP_TTL_S = 12 * 3600;
const MIN_TTL_S = 60;

export interface PushService {
  readonly publicKey: string;
  /** The partner(s) of `pauserId` hear that a break started, with the pauser's own return time. */
  pauseStarted(coupleId: string, pauserId: string, pause: PauseView): void;
  /** Sends every due "time to check in" once; returns how many deadlines it announced. */
  sweep(): Promise<number>;
  /** Resolves once every push begun so far has been sent or given up on. */
  settled(): Promise<void>;
  /** Runs the sweep every `sweepIntervalMs` until `stop`. */
  start(): void;
  stop(): Promise<void>;
}

export interface PushDeps {
  store: Store;
  clock: Clock;
  config: Config;
  log: Logger;
}

export function createPushService({ store, clock, config, log }: PushDeps): PushService {
  const vapid = loadVapidKeys(config.push, config.dataDir);
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<number> | null = null;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  /** Encrypts (RFC 8291, aes128gcm) and signs (VAPID, RFC 8292) with web-push, then POSTs it. */
  async function send(sub: PushSubscriptionRecord, payload: PushPayload, ttlSeconds: number): Promise<void> {
    const details = webpush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: vapid,
        TTL: Math.max(MIN_TTL_S, Math.round(ttlSeconds)),
        urgency: 'high',
        // A newer notice of the same kind replaces one the phone has not fetched yet.
        topic: payload.kind.replace('_', '-'),
        contentEncoding: 'aes128gcm',
      },
    );
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) {
      if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
    }
    let status: number;
    try {
      const res = await fetch(details.endpoint, {
        method: details.method,
        headers,
        // Copied into a plain Uint8Array: fetch's body type (under the DOM lib too) takes no Buffer.
        body: details.body ? new Uint8Array(details.body) : null,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        redirect: 'error',
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      log.warn('push.unreachable', { kind: payload.kind, error: err instanceof Error ? err.name : 'unknown' });
      return;
    }
    if (status === 404 || status === 410) {
      await store.deletePushEndpoint(sub.endpoint);
      log.info('push.subscription_gone', { couple: sub.coupleId, status });
    } else if (status < 200 || status >= 300) {
      log.warn('push.refused', { kind: payload.kind, status });
    }
  }

  function payload(kind: PushKind, pauseId: string, endsAt: number): PushPayload {
    const body = kind === 'time_up' ? PUSH_TEXT.timeUp : PUSH_TEXT.pauseStarted;
    return { v: 1, kind, title: PUSH_TITLE, body, tag: `${kind}:${pauseId}`, endsAt };
  }

  async function sendAll(subs: PushSubscriptionRecord[], message: PushPayload, ttlSeconds: number): Promise<void> {
    await Promise.all(
      subs.map((s) => send(s, message, ttlSeconds).catch(() => log.error('push.failed', { kind: message.kind }))),
    );
  }

  async function sweepOnce(): Promise<number> {
    const notices = await store.claimTimeUpNotices(clock.now());
    await Promise.all(
      notices.map(async (n) => {
        const subs = await store.listPushSubscriptions(n.coupleId);
        log.info('push.time_up', { couple: n.coupleId, devices: subs.length });
        await sendAll(subs, payload('time_up', n.pauseId, n.endsAt), TIME_UP_TTL_S);
      }),
    );
    return notices.length;
  }

  return {
    publicKey: vapid.publicKey,
    pauseStarted(coupleId, pauserId, pause) {
      const endsAt = ownPause(pause, pauserId)?.endsAt ?? pause.endsAt;
      const job = (async () => {
        const subs = (await store.listPushSubscriptions(coupleId)).filter((s) => s.deviceId !== pauserId);
        if (subs.length === 0) return;
        // Worth nothing once the break is over.
        await sendAll(subs, payload('pause_started', pause.id, endsAt), (endsAt - clock.now()) / 1000);
      })();
      track(job).catch(() => log.error('push.failed', { kind: 'pause_started' }));
    },
    sweep() {
      // One sweep at a time in this process; the store's claim keeps processes apart.
      sweeping ??= track(sweepOnce()).finally(() => {
        sweeping = null;
      });
      return sweeping;
    },
    async settled() {
      await Promise.allSettled([...inFlight]);
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        this.sweep().catch(() => log.error('push.sweep_failed', {}));
      }, config.push.sweepIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await this.settled();
    },
  };
}
