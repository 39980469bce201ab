import { acceptAgreement } from '../../../shared/agreement/rules.js';
import { personTerms, termsDigest } from '../agreement.js';
import { loadSnapshot, requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { Handler } from '../types.js';

/**
 * "We agree" (with or without a change to one's own part). The signal message arrives sealed and is
 * stored as it came; the log names the couple and whether anything changed, never the terms.
 * Two people accepting at once is safe: acceptance is of a digest of the whole terms, so whichever
 * write lands last, an acceptance of terms that no longer exist simply does not count.
 */
export const acceptTerms: Handler<'agreement:accept'> = async (socket, { terms, minutes, signal }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const devices = await deps.store.listDevices(device.coupleId);
  const outcome = acceptAgreement(
    devices.map(personTerms),
    { deviceId: device.id, seen: terms, minutes, signal },
    termsDigest,
  );
  if (!outcome.ok) {
    if (outcome.code !== 'agreement_changed') return refuse(outcome.code, outcome.params);
    // The person sees the latest terms straight away, with the refusal.
    const latest = await loadSnapshot(deps, device.coupleId);
    if (latest) socket.emit('couple:state', latest);
    return refuse(outcome.code, outcome.params);
  }
  if (outcome.changed) {
    await deps.store.updateDeviceSettings(device.id, {
      defaultMinutes: outcome.minutes,
      reassurance: outcome.signal,
      agreedTerms: outcome.acceptedTerms,
    });
    deps.log.info('agreement.accepted', { couple: device.coupleId });
  }
  const snapshot = await loadSnapshot(deps, device.coupleId);
  if (!snapshot) return refuse('not_linked');
  return outcome.changed
    ? { data: snapshot, happened: { coupleId: snapshot.coupleId, snapshot, events: [{ type: 'devices_changed' }] } }
    : { data: snapshot };
};
