import { isValidPublicKey } from '../../../shared/crypto/couple-key.js';
import { loadSnapshot, requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { Handler } from '../types.js';

/**
 * End-to-end encryption: a phone publishes its ECDH P-256 public key right after linking, and again
 * whenever it has lost its key pair (a new key changes the couple key and the safety code on both
 * phones). The key itself is never logged. The server only relays public keys; it cannot derive
 * the couple key, and the safety code lets the two people catch a key swapped on the way.
 */
export const publishKey: Handler<'keys:publish'> = async (socket, { publicKey }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  if (!(await isValidPublicKey(publicKey))) return refuse('bad_request');
  if (device.publicKey === publicKey) {
    const same = await loadSnapshot(deps, device.coupleId);
    return same ? { data: same } : refuse('not_linked');
  }
  await deps.store.setDevicePublicKey(device.id, publicKey);
  deps.log.info('keys.published', { couple: device.coupleId, replaced: device.publicKey !== null });
  const snapshot = (await loadSnapshot(deps, device.coupleId))!;
  return { data: snapshot, happened: { coupleId: snapshot.coupleId, snapshot, events: [{ type: 'devices_changed' }] } };
};
