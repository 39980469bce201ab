import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyCoupleChange } from '../../shared/contracts/change.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process.js';
import { sequentialIds } from '../support/ids.js';
import { createTestSchema, servicesAvailable, TEST_REDIS_URL } from '../support/services.js';
import { call, closeSockets, connectClient, connected, nextEvent, ok, type TestSocket } from '../support/server.js';

/**
 * Two real server processes on PostgreSQL and Redis. The process phone A is on is killed (SIGKILL,
 * no shutdown handler) in the middle of a stream of commands: A reconnects to the other process and
 * finds every acknowledged command there, with the same deadline B sees.
 */

const up = await servicesAvailable({ postgres: true, redis: true });
const cid = sequentialIds();

describe.skipIf(!up)('a server process killed mid-stream', () => {
  const sockets: TestSocket[] = [];
  const children: ServerProcess[] = [];
  let dataDir: string;
  let dropSchema: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    dataDir = mkdtempSync(join(tmpdir(), 'breather-failover-'));
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TLS_CERT_FILE: '',
      TLS_KEY_FILE: '',
      PUSH: 'off',
      EVENT_LIMITS: 'off',
      DATABASE_URL: schema.url,
      REDIS_URL: TEST_REDIS_URL,
    };
  });

  afterAll(async () => {
    closeSockets(sockets);
    for (const c of children) {
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
      await c.exited;
    }
    await dropSchema?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every acknowledged command survives, and both phones see the same deadline', async () => {
    const [p1, p2] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    children.push(p1, p2);
    const a = connectClient(p1.url);
    const b = connectClient(p2.url);
    sockets.push(a, b);
    await Promise.all([connected(a), connected(b)]);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });

    let last: CoupleSnapshot = await ok(a, 'pause:start', { commandId: cid('c'), minutes: 20 });
    const acked: CoupleSnapshot[] = [last];
    // A stream of extensions, each sent as soon as the previous one is acknowledged; the kill lands mid-stream.
    const stream = (async () => {
      for (;;) {
        const res = await call(a, 'pause:extend', { commandId: cid('c'), seq: last.seq, minutes: 20 }).catch(
          () => null,
        );
        if (!res || 'error' in res) return;
        last = res.data;
        acked.push(last);
      }
    })();
    while (acked.length < 8) await new Promise((r) => setTimeout(r, 5));
    p1.proc.kill('SIGKILL');
    expect(await p1.exited).toBe('SIGKILL');
    await stream;
    const lastAcked = acked.at(-1)!;

    const a2 = connectClient(p2.url, invite.credential);
    sockets.push(a2);
    const [onReconnect] = await nextEvent(a2, 'couple:state', 5000);
    // The one command in flight at the kill may or may not have committed; nothing acknowledged is missing.
    expect([lastAcked.seq, lastAcked.seq + 1]).toContain(onReconnect.seq);
    if (onReconnect.seq === lastAcked.seq) expect(onReconnect.pause).toEqual(lastAcked.pause);
    else expect(onReconnect.pause!.endsAt).toBe(lastAcked.pause!.endsAt + 20 * 60_000);
    const onB = await ok(b, 'state:get', {});
    expect(onB.seq).toBe(onReconnect.seq);
    expect(onB.pause).toEqual(onReconnect.pause);

    // A carries on from the other process.
    const next = nextEvent(b, 'couple:change', 5000);
    const ended = await ok(a2, 'pause:end', { commandId: cid('c'), seq: onReconnect.seq, rating: 2 });
    const [change] = await next;
    expect(applyCoupleChange(onB, change)).toEqual(ended);
  });
});
