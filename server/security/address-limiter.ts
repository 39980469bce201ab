/**
 * Per-address counting, in one place: event limits (per connection and per address), the cap on
 * open connections and the handshake rate per address, and the penalty box for addresses that
 * kept flooding after their warning. The server asks it; it never touches a socket itself.
 *
 * `createMemoryAddressLimiter` counts in this process. A shared implementation (for several server
 * processes) implements the same interface; every method is synchronous because it runs on every
 * inbound frame, so such an implementation answers from local counts and syncs them in the background.
 */
export interface AddressLimiter {
  /** Cheapest check, on a bare TCP connection: is this address in the penalty box? */
  isPenalised(address: string): boolean;
  /** A new session's handshake; null when admitted. Every attempt counts toward the handshake rate. */
  admit(address: string): HandshakeRefusal | null;
  /** A session from this address opened / closed (for the cap on open connections). */
  opened(address: string): void;
  closed(address: string): void;
  /** One inbound frame on `connection` (any object that lives as long as it). */
  packet(connection: object, address: string): PacketVerdict;
  /** Abuse seen (a flood past its warning, an oversized frame): refuse the address for a while. */
  penalise(address: string): void;
}

export type HandshakeRefusal = 'penalised' | 'too_many_connections' | 'handshake_rate';

export type PacketVerdict =
  | { kind: 'pass' }
  /** `first`: the first refusal since the bucket last let a frame through, i.e. the warning (log once). */
  | { kind: 'refuse'; scope: 'socket' | 'address'; first: boolean }
  /** The connection kept going past its warning: close it. Its address is penalised already. */
  | { kind: 'cut' };
