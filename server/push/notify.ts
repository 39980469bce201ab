import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { isTimeUp } from '../../shared/pause/machine.js';
import type { AppSocket, Deps, HandlerResult } from '../realtime/types.js';

/**
 * After a pause start that changed the state (the ack and the broadcast first), the partner's phones
 * get a push. A retried or refused start has no `after`, so it notifies no one twice.
 */
export function notifyPartnerAfter(
  socket: AppSocket,
  deps: Deps,
  result: HandlerResult<CoupleSnapshot>,
): HandlerResult<CoupleSnapshot> {
  const push = deps.push;
  const pauserId = socket.data.deviceId;
  if (!push || !pauserId || 'error' in result || !result.after || !result.data.pause) return result;
  const { after } = result;
  const { coupleId, pause } = result.data;
  return {
    ...result,
    after: () => {
      after();
      push.pauseStarted(coupleId, pauserId, pause);
    },
  };
}

/**
 * After "I'm calm now" ended the break for both, the "time to check in" goes out at once instead of at
 * the next sweep. The sweep claims each deadline once, so this never doubles a notice.
 */
export function announceEarlyEndAfter(deps: Deps, result: HandlerResult<CoupleSnapshot>): HandlerResult<CoupleSnapshot> {
  const push = deps.push;
  if (!push || 'error' in result || !result.after || !result.data.pause) return result;
  if (!isTimeUp(result.data.pause, result.data.serverNow)) return result;
  const { after } = result;
  return {
    ...result,
    after: () => {
      after();
      push.sweep().catch(() => deps.log.error('push.sweep_failed', {}));
    },
  };
}
