import type { ConnectionLimits, EventLimit } from '../config.js';
import type { AddressLimiter, HandshakeRefusal, PacketVerdict } from './address-limiter.js';
import { TokenBucket } from './token-bucket.js';

export interface AddressLimits {
  /** Null: frames are never refused. */
  events: { perSocket: EventLimit; perAddress: EventLimit } | null;
  /** Null: no connection cap, handshake rate, cut-off or penalty. */
  connections: ConnectionLimits | null;
}

interface ConnectionState {
  events: TokenBucket;
  /** Refusals since its last accepted frame. */
  refusals: number;
}

interface AddressState {
  events: TokenBucket | null;
  eventsLimited: boolean;
  handshakes: TokenBucket | null;
  handshakeRefusals: number;
  open: number;
  penaltyUntil: number;
}

const PASS: PacketVerdict = { kind: 'pass' };
const CUT: PacketVerdict = { kind: 'cut' };
const SWEEP_EVERY_MS = 60_000;

/**
 * Time is the process's monotonic clock, not the app's Clock: tests move the app's clock by days,
 * and a limit must follow real seconds.
 */
export function createMemoryAddressLimiter(
  limits: AddressLimits,
  now: () => number = () => performance.now(),
): AddressLimiter {
  const { events, connections } = limits;
  // Per connection: gone with the connection object.
  const byConnection = new WeakMap<object, ConnectionState>();
  const byAddress = new Map<string, AddressState>();
  let lastSweep = now();

  /** Addresses with nothing open, nothing owed and no penalty are forgotten: it changes nothing. */
  function sweep(t: number): void {
    if (t - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = t;
    for (const [address, a] of byAddress) {
      const idle =
        a.open === 0 && a.penaltyUntil <= t && (a.events?.full(t) ?? true) && (a.handshakes?.full(t) ?? true);
      if (idle) byAddress.delete(address);
    }
  }

  function stateOf(address: string, t: number): AddressState {
    sweep(t);
    let a = byAddress.get(address);
    if (!a) {
      a = {
        events: events && new TokenBucket(events.perAddress, t),
        eventsLimited: false,
        handshakes: connections && new TokenBucket(connections.handshakes, t),
        handshakeRefusals: 0,
        open: 0,
        penaltyUntil: 0,
      };
      byAddress.set(address, a);
    }
    return a;
  }

  function penalise(address: string): void {
    if (!connections) return;
    const t = now();
    stateOf(address, t).penaltyUntil = t + connections.penaltyMs;
  }

  function refuseHandshake(address: string, a: AddressState, why: HandshakeRefusal): HandshakeRefusal {
    if (connections && ++a.handshakeRefusals > connections.refusalsBeforeCut) penalise(address);
    return why;
  }

  return {
    isPenalised(address) {
      return (byAddress.get(address)?.penaltyUntil ?? 0) > now();
    },
    admit(address) {
      if (!connections) return null;
      const t = now();
      const a = stateOf(address, t);
      if (a.penaltyUntil > t) return 'penalised';
      if (!a.handshakes!.take(t)) return refuseHandshake(address, a, 'handshake_rate');
      if (a.open >= connections.maxSocketsPerAddress) return refuseHandshake(address, a, 'too_many_connections');
      a.handshakeRefusals = 0;
      return null;
    },
    opened(address) {
      stateOf(address, now()).open++;
    },
    closed(address) {
      const a = byAddress.get(address);
      if (a) a.open = Math.max(0, a.open - 1);
    },
    packet(connection, address) {
      if (!events) return PASS;
      const t = now();
      let c = byConnection.get(connection);
      if (!c) byConnection.set(connection, (c = { events: new TokenBucket(events.perSocket, t), refusals: 0 }));
      const a = stateOf(address, t);
      // Every frame spends the connection's own allowance, even one the address then refuses: many
      // connections flooding together each run dry and are cut off. A connection over its own limit
      // does not also drain its neighbours' shared allowance, and a neighbour sending at a person's
      // pace never runs its own allowance dry, so it is refused for the address's sake but not cut off.
      if (!c.events.take(t)) {
        c.refusals++;
        if (connections && c.refusals > connections.refusalsBeforeCut) {
          penalise(address);
          return CUT;
        }
        return { kind: 'refuse', scope: 'socket', first: c.refusals === 1 };
      }
      if (!a.events!.take(t)) {
        const first = !a.eventsLimited;
        a.eventsLimited = true;
        return { kind: 'refuse', scope: 'address', first };
      }
      c.refusals = 0;
      a.eventsLimited = false;
      return PASS;
    },
    penalise,
  };
}
