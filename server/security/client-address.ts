import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.js';

/** Whether the hop at `address`, `hop` steps in front of the server, is a proxy we believe. */
export type Trust = (address: string, hop: number) => boolean;

/**
 * The same semantics as Express's `trust proxy` (Express is given this very function), so the HTTP
 * app and the socket layer always agree on who the client is. Throws on an address that is not one.
 */
export function compileTrust(trust: TrustProxy): Trust {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/**
 * The rightmost X-Forwarded-For entry not added by a trusted proxy: everything left of it was written
 * by the client and proves nothing.
 */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: Trust): string {
  return proxyaddr(req, trust) || 'unknown';
}
