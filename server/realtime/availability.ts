import type { Logger } from '../log.js';
import type { AppServer } from './types.js';

const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 3000;
/** One slow answer on a busy machine is not an outage; hanging up every phone is costly. */
const FAILURES_BEFORE_DOWN = 2;

/**
 * Several processes depend on PostgreSQL and Redis. While either does not answer, this process
 * hangs up its phones and refuses new connections with `unavailable`: a command could not be
 * committed (PostgreSQL) or heard by a partner on another process (Redis), so it is better not taken
 * at all. The phones then show that they cannot reach the server and keep a pause tap queued on the
 * phone (client/stores/pause.ts); when both answer again they reconnect, get the authoritative
 * snapshot and send what they kept. Nothing acknowledged depends on the missing service.
 */
export function guardAvailability(
  io: AppServer,
  probes: Record<string, () => Promise<unknown>>,
  log: Logger,
): () => void {
  let down: string | null = null;
  let failures = 0;
  let probing = false;
  io.use((_socket, next) => (down ? next(new Error('unavailable')) : next()));

  async function probeAll(): Promise<string | null> {
    for (const [name, probe] of Object.entries(probes)) {
      const answered = await Promise.race([
        probe().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(resolve, PROBE_TIMEOUT_MS, false).unref()),
      ]);
      if (!answered) return name;
    }
    return null;
  }

  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void probeAll()
      .then((failing) => {
        failures = failing ? failures + 1 : 0;
        if (failing && !down && failures >= FAILURES_BEFORE_DOWN) {
          down = failing;
          log.error('service.unreachable', { service: failing });
          io.local.disconnectSockets(true);
        } else if (!failing && down) {
          log.info('service.back', { service: down });
          down = null;
        }
      })
      .finally(() => (probing = false));
  }, PROBE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
