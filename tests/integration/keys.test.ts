import { afterEach, describe, expect, test } from 'vitest';
import { exportPublicKey, fromBase64url, generateKeyPair, safetyCode, toBase64url } from '../../shared/crypto/index.js';
import { jsonLogger } from '../../server/log.js';
import {
  call,
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

let server: TestServer;
const sockets: TestSocket[] = [];

afterEach(() => tearDown(sockets, server));

async function newPublicKey(): Promise<string> {
  return exportPublicKey((await generateKeyPair()).publicKey);
}

const SEALED = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA';

describe('keys:publish', () => {
  test('stores each phone’s public key and shows it to the partner in the snapshot', async () => {
    server = await startServer();
    const { a, b, invite, joined } = await linkedPair(server);
    sockets.push(a, b);
    const aId = invite.deviceId;
    const bId = joined.deviceId;
    expect(joined.snapshot.devices.map((d) => d.publicKey)).toEqual([null, null]);

    const keyA = await newPublicKey();
    const onB = nextEvent(b, 'couple:state');
    const acked = await ok(a, 'keys:publish', { publicKey: keyA });
    expect(acked.devices.find((d) => d.id === aId)?.publicKey).toBe(keyA);
    const [seenByB] = await onB;
    expect(seenByB.devices.find((d) => d.id === aId)?.publicKey).toBe(keyA);
    expect(seenByB.seq).toBe(acked.seq);

    const keyB = await newPublicKey();
    const onA = nextEvent(a, 'couple:state');
    await ok(b, 'keys:publish', { publicKey: keyB });
    const [seenByA] = await onA;
    expect(seenByA.devices.find((d) => d.id === bId)?.publicKey).toBe(keyB);

    // Both phones can now compute the same safety code from the snapshot alone.
    const fromA = seenByA.devices.map((d) => d.publicKey!);
    expect(await safetyCode(fromA[0]!, fromA[1]!)).toBe(await safetyCode(keyB, keyA));

    // The same key again changes nothing; a new one (a phone that lost its keys) replaces it.
    const same = await ok(a, 'keys:publish', { publicKey: keyA });
    expect(same.seq).toBe(seenByA.seq);
    const keyA2 = await newPublicKey();
    const replaced = await ok(a, 'keys:publish', { publicKey: keyA2 });
    expect(replaced.devices.find((d) => d.id === aId)?.publicKey).toBe(keyA2);
    expect(replaced.seq).toBeGreaterThan(same.seq);

    // A reconnecting phone gets the keys in its snapshot too.
    const again = connectClient(server.url, invite.credential);
    sockets.push(again);
    const [snap] = await Promise.all([nextEvent(again, 'couple:state'), connected(again)]);
    expect(snap[0].devices.map((d) => d.publicKey)).toEqual([keyA2, keyB]);
  });

  test('refuses anything that is not a P-256 public key, and unlinked phones', async () => {
    server = await startServer();
    const { a, b } = await linkedPair(server);
    sockets.push(a, b);
    const good = await newPublicKey();
    const offCurve = fromBase64url(good)!;
    offCurve[64] = offCurve[64]! ^ 1;
    const bad: unknown[] = [
      {},
      { publicKey: '' },
      { publicKey: 'not a key' },
      { publicKey: good + 'A' },
      { publicKey: good.slice(1) },
      { publicKey: 'B' + 'A'.repeat(86) }, // right shape, not on the curve
      { publicKey: toBase64url(offCurve) },
      { publicKey: { kty: 'EC', crv: 'P-256' } },
      { publicKey: 'x'.repeat(2000) },
      { publicKey: good, extra: 1 },
    ];
    for (const payload of bad) {
      const res = await call(a, 'keys:publish', payload as { publicKey: string });
      expect('error' in res && res.error.code, JSON.stringify(payload)).toBe('bad_request');
    }
    const state = await ok(a, 'state:get', {});
    expect(state.devices.every((d) => d.publicKey === null)).toBe(true);

    const stranger = connectClient(server.url);
    sockets.push(stranger);
    await connected(stranger);
    const res = await call(stranger, 'keys:publish', { publicKey: good });
    expect('error' in res && res.error.code).toBe('not_linked');
  });

  test('the reassurance travels sealed: plaintext is refused and never stored; keys are never logged', async () => {
    const lines: string[] = [];
    server = await startServer({ log: jsonLogger((l) => lines.push(l)) });
    const { a, b } = await linkedPair(server);
    sockets.push(a, b);
    const plain = await call(a, 'settings:update', { reassurance: 'I will be back soon, love.' });
    expect('error' in plain && plain.error.code).toBe('bad_request');
    const sealed = await ok(a, 'settings:update', { reassurance: SEALED });
    expect(sealed.devices[0]!.reassurance).toBe(SEALED);

    const key = await newPublicKey();
    await ok(a, 'keys:publish', { publicKey: key });
    expect(lines.some((l) => l.includes('keys.published'))).toBe(true);
    expect(lines.join('\n')).not.toContain(key);
  });

  test('re-pairing gives new devices without keys, so new keys and a new safety code', async () => {
    server = await startServer();
    const first = await linkedPair(server);
    sockets.push(first.a, first.b);
    const [k1, k2] = [await newPublicKey(), await newPublicKey()];
    await ok(first.a, 'keys:publish', { publicKey: k1 });
    await ok(first.b, 'keys:publish', { publicKey: k2 });
    const code1 = await safetyCode(k1, k2);
    await ok(first.a, 'couple:unpair', {});

    const second = await linkedPair(server);
    sockets.push(second.a, second.b);
    expect(second.joined.snapshot.devices.map((d) => d.publicKey)).toEqual([null, null]);
    const [k3, k4] = [await newPublicKey(), await newPublicKey()];
    await ok(second.a, 'keys:publish', { publicKey: k3 });
    const snap = await ok(second.b, 'keys:publish', { publicKey: k4 });
    const keys = snap.devices.map((d) => d.publicKey!);
    expect(keys).toEqual([k3, k4]);
    expect(await safetyCode(keys[0]!, keys[1]!)).not.toBe(code1);
  });
});
