import type { PushConfig } from '../config.js';
import { PUSH_ENDPOINT_MAX } from '../../shared/contracts/push.js';

/**
 * Only the browsers' push services: the server POSTs to this URL, so an arbitrary one would let a
 * linked phone point it at hosts it should never reach. Tests may allow a plain-HTTP loopback fake.
 */
export function endpointAllowed(endpoint: string, push: PushConfig): boolean {
  if (endpoint.length > PUSH_ENDPOINT_MAX) return false;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'http:') return push.allowLoopbackHttp && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return push.endpointHosts.some((h) => host === h || host.endsWith('.' + h));
}

/** A raw key in base64url of exactly `bytes` bytes (and, for a public key, an uncompressed point). */
export function keyBytesOk(value: string, bytes: number, point = false): boolean {
  const raw = Buffer.from(value, 'base64url');
  if (raw.length !== bytes || raw.toString('base64url') !== value.replace(/=+$/, '')) return false;
  return !point || raw[0] === 0x04;
}
