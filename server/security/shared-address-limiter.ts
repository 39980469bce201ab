import type { ConnectionLimits, EventLimit } from '../config.js';
import type { RedisClient } from '../realtime/adapter.js';
import { createSharedAddressBudget } from '../realtime/address-budget.js';
import type { AddressLimiter, PacketVerdict } from './address-limiter.js';
import { createMemoryAddressLimiter } from './memory-address-limiter.js';

export interface SharedAddressLimiter extends AddressLimiter {
  /** Sends this process's tallies and penalties to Redis now; a timer sends tallies by itself every `flushMs`. */
  flush(): Promise<void>;
  /** Sends the last tallies to Redis and stops the flush timer; before the Redis client is closed. */
  close(): Promise<void>;
}

export interface SharedLimits {
  events: { perSocket: EventLimit; perAddress: EventLimit };
  connections: ConnectionLimits | null;
}

/**
 * This process's limits (per connection, per address, connections and handshakes) with the
 * deployment-wide per-address budget on top (REDIS_URL): a frame this process would let through is
 * refused when the address has spent its budget across every process, and a penalty given here is
 * shared with the others. Handshakes and open connections stay per process.
 */
export function createSharedAddressLimiter(
  client: RedisClient,
  limits: SharedLimits,
  flushMs?: number,
): SharedAddressLimiter {
  const local = createMemoryAddressLimiter(limits);
  const budget = createSharedAddressBudget(client, limits.events.perAddress.perMinute, flushMs);
  /** Addresses already warned that the shared budget is spent, so the refusal is logged once. */
  const warned = new Set<string>();
  /** Penalties on their way to Redis. */
  const sending = new Set<Promise<void>>();

  return {
    isPenalised: (address) => local.isPenalised(address),
    admit: (address) => local.admit(address),
    opened: (address) => local.opened(address),
    closed(address) {
      local.closed(address);
      warned.delete(address);
    },
    packet(connection, address): PacketVerdict {
      const verdict = local.packet(connection, address);
      if (verdict.kind !== 'pass') return verdict;
      if (budget.exhausted(address)) {
        const first = !warned.has(address);
        warned.add(address);
        return { kind: 'refuse', scope: 'address', first };
      }
      warned.delete(address);
      budget.count(address);
      return verdict;
    },
    penalise(address) {
      local.penalise(address);
      // Redis being away must not stop this process refusing the address; the local penalty holds.
      if (!limits.connections) return;
      const sent = budget.penalise(address, limits.connections.penaltyMs).catch(() => {});
      sending.add(sent);
      void sent.then(() => sending.delete(sent));
    },
    async flush() {
      await Promise.all([...sending, budget.flush()]);
    },
    async close() {
      await Promise.all([...sending, budget.close()]);
    },
  };
}
