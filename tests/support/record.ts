import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { ok, type TestSocket } from './server.js';

/** Every `couple:state` a socket receives, in order. */
export function record(socket: TestSocket) {
  const seen: CoupleSnapshot[] = [];
  const waiters: Array<{ seq: number; resolve: (s: CoupleSnapshot) => void }> = [];
  socket.on('couple:state', (snapshot) => {
    seen.push(snapshot);
    for (const w of [...waiters]) {
      if (w.seq === snapshot.seq) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(snapshot);
      }
    }
  });
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
