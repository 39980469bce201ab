import { applyCoupleChange, type CoupleChange } from '../../shared/contracts/change.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { ok, type TestSocket } from './server.js';

/**
 * Every snapshot a socket comes to hold, in order, as a phone holds them: each `couple:state`, and each
 * `couple:change` applied on top of the one before it. Like the app, a change that does not follow on
 * (this socket's own moves come back in its acks, not here) is answered by fetching the whole state.
 */
export function record(socket: TestSocket) {
  const seen: CoupleSnapshot[] = [];
  const waiters: Array<{ seq: number; resolve: (s: CoupleSnapshot) => void }> = [];
  let fetching: CoupleChange[] | null = null;
  socket.on('couple:state', add);
  socket.on('couple:change', onChange);
  function onChange(change: CoupleChange): void {
    if (fetching) return void fetching.push(change);
    const next = applyCoupleChange(seen.at(-1) ?? null, change);
    if (next === 'gap') return fetchState();
    if (next !== seen.at(-1)) add(next);
  }
  function fetchState(): void {
    fetching = [];
    // A socket closed meanwhile holds nothing more: the test has moved on.
    void ok(socket, 'state:get', {}).then(
      (snapshot) => {
        const queued = fetching ?? [];
        fetching = null;
        add(snapshot);
        queued.forEach(onChange);
      },
      () => (fetching = null),
    );
  }
  function add(snapshot: CoupleSnapshot): void {
    seen.push(snapshot);
    for (const w of [...waiters]) {
      if (w.seq === snapshot.seq) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(snapshot);
      }
    }
  }
  return {
    seen,
    /** The first snapshot (already received or still to come) with this seq. */
    seq(seq: number, timeoutMs = 2000): Promise<CoupleSnapshot> {
      const found = seen.find((s) => s.seq === seq);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no couple:state with seq ${seq}`)), timeoutMs);
        waiters.push({
          seq,
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
        });
      });
    },
  };
}
export type Recorder = ReturnType<typeof record>;

/** A round trip on each socket: whatever the server sent them before now has arrived (and is in any recorder). */
export async function settle(...ss: TestSocket[]): Promise<void> {
  await Promise.all(ss.map((s) => ok(s, 'time:ping', { t0: 0 })));
}
