import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
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
