import { afterEach, describe, expect, test } from 'vitest';
import { configFromEnv, defaultConfig, trustProxy } from '../../server/config.js';
import { compileTrust } from '../../server/security/client-address.js';
import {
  call,
  closeSockets,
  connectClient,
  connected,
  startServer,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Behind a proxy the client's address is the rightmost X-Forwarded-For entry not added by a trusted
 * proxy (Express's `trust proxy` semantics, through proxy-addr). Everything left of it is written by
 * the client, so a made-up leftmost entry must not buy a fresh allowance.
 */

describe('client address behind a proxy', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    closeSockets(sockets);
    await server?.stop();
    server?.cleanup();
    server = undefined;
  });

  /** As a phone behind the proxy at 127.0.0.1 that claims to be `spoof`; the proxy appends `real`. */
  function through(spoof: string, real: string): TestSocket {
    const s = connectClient(server!.url, undefined, { extraHeaders: { 'x-forwarded-for': `${spoof}, ${real}` } });
    sockets.push(s);
    return s;
  }

  test('a spoofed leftmost X-Forwarded-For entry does not evade the invite limit', async () => {
    server = await startServer({
      config: { trustProxy: 1, invite: { ...defaultConfig().invite, createLimit: { max: 2, windowMs: 3_600_000 } } },
    });
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = through(`10.9.8.${i}`, '198.51.100.7');
      await connected(s);
      const res = await call(s, 'invite:create', { name: `N${i}` });
      answers.push('error' in res ? res.error.code : 'ok');
    }
    expect(answers).toEqual(['ok', 'ok', 'rate_limited', 'rate_limited']);
    // Another real address has its own allowance.
    const other = through('10.9.8.1', '203.0.113.50');
    await connected(other);
    expect('data' in (await call(other, 'invite:create', { name: 'Pat' }))).toBe(true);
  });

  test('nor the cap on connections per address; a proxy list trusts only the listed hops', async () => {
    server = await startServer({
      config: {
        trustProxy: ['loopback', '10.0.0.0/8'],
        connectionLimits: { ...defaultConfig().connectionLimits!, maxSocketsPerAddress: 2 },
      },
    });
    // The client wrote 192.0.2.x; the proxy chain 10.1.1.1 → 127.0.0.1 is trusted; 198.51.100.9 is the phone.
    const chain = (spoof: string) => {
      const s = connectClient(server!.url, undefined, {
        extraHeaders: { 'x-forwarded-for': `${spoof}, 198.51.100.9, 10.1.1.1` },
      });
      sockets.push(s);
      return s;
    };
    await connected(chain('192.0.2.1'));
    await connected(chain('192.0.2.2'));
    const third = chain('192.0.2.3');
    await expect(connected(third)).rejects.toThrow(/websocket error/);
  });

  test('TRUST_PROXY takes a hop count or addresses, never “trust everyone”', () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy('0')).toBe(false);
    expect(trustProxy('off')).toBe(false);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('true')).toBe(1);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
    expect(configFromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    // One hop: only the proxy right in front is believed.
    const one = compileTrust(1);
    expect([one('127.0.0.1', 0), one('203.0.113.1', 1)]).toEqual([true, false]);
    const listed = compileTrust(['loopback', '10.0.0.0/8']);
    expect([listed('127.0.0.1', 0), listed('10.2.3.4', 1), listed('198.51.100.9', 2)]).toEqual([true, true, false]);
    expect(compileTrust(false)('127.0.0.1', 0)).toBe(false);
    expect(() => compileTrust(['not-an-address'])).toThrow(/invalid IP address/);
  });
});
