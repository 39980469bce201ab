import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Config } from '../config.js';
import type { Trust } from './client-address.js';

/** Why a request to the socket endpoint (or with a foreign Host) is refused; the refusal's error code. */
export type RequestRefusal = 'host_refused' | 'origin_refused' | 'jsonp_refused';

/**
 * The names this server answers to. A page on an attacker's domain that re-resolves that domain to
 * this machine (DNS rebinding) is same-origin with itself, so Origin checks pass; its `Host` gives it away.
 */
export function allowedHosts(config: Pick<Config, 'host' | 'hosts' | 'origins'>): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', ...config.hosts]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address, family } of addresses ?? [])
      hosts.add(family === 'IPv6' ? `[${address.toLowerCase()}]` : address);
  }
  if (config.host !== '0.0.0.0' && config.host !== '::')
    hosts.add(config.host.includes(':') ? `[${config.host}]` : config.host);
  for (const origin of config.origins) {
    const host = hostnameOf(urlHost(origin));
    if (host) hosts.add(host);
  }
  return hosts;
}

function urlHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The host name of a `Host` header, lower case, without the port; null when it is not one. */
export function hostnameOf(host: string | undefined): string | null {
  if (!host || !/^[a-z0-9.\-[\]:]+$/i.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

export function hostAllowed(req: IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const name = hostnameOf(req.headers.host);
  // `.localhost` names always resolve to this machine in browsers; nobody can point them elsewhere.
  return name !== null && (hosts.has(name) || name.endsWith('.localhost'));
}

/** http or https, as the browser saw it: behind a trusted proxy, from X-Forwarded-Proto (as Express reads it). */
export function schemeOf(req: IncomingMessage, tls: boolean, trust: Trust): string {
  const own = tls ? 'https' : 'http';
  const forwarded = req.headers['x-forwarded-proto'];
  if (typeof forwarded !== 'string' || !trust(req.socket.remoteAddress ?? '', 0)) return own;
  return forwarded.split(',')[0]!.trim().toLowerCase() || own;
}

/**
 * CORS covers neither WebSockets nor `<script src>`, so every request to the socket endpoint (every
 * long-polling request, not only the handshake) must come from one of our own pages:
 * - JSONP polling (`?j=`) exists for browsers without CORS; it only ever helps a foreign page. Refused.
 * - With an Origin header, the origin (scheme, host and port) must be ours or listed in ALLOWED_ORIGINS.
 * - Without one (a same-origin GET, a script tag, a non-browser client), `Sec-Fetch-Site` must not say
 *   another site sent it. A client that sends neither is not a browser page and cannot ride a visitor.
 */
export function socketRequestRefusal(
  req: IncomingMessage,
  opts: { origins: readonly string[]; tls: boolean; trust: Trust },
): RequestRefusal | null {
  const query = (req.url ?? '').split('?')[1];
  if (query !== undefined && new URLSearchParams(query).has('j')) return 'jsonp_refused';
  const origin = req.headers.origin;
  if (origin === undefined) {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none' ? null : 'origin_refused';
  }
  if (opts.origins.length > 0) return opts.origins.includes(origin) ? null : 'origin_refused';
  try {
    const url = new URL(origin);
    const same = url.host === req.headers.host && url.protocol === `${schemeOf(req, opts.tls, opts.trust)}:`;
    return same ? null : 'origin_refused';
  } catch {
    return 'origin_refused';
  }
}
