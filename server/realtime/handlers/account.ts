import { requireDevice } from '../couples.js';
import type { Handler } from '../types.js';

/**
 * Delete everything (Settings → Delete everything). The person's device row, their held messages and
 * the couple they belong to go at once, with no retention period: the other phone's credential stops
 * working too and it shows the neutral "not linked" state, as after an unpair. The store overwrites
 * the deleted bytes and empties the WAL, so nothing the person wrote lingers in the database files.
 */
export const deleteAccount: Handler<'account:delete'> = async (socket, _payload, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  await deps.store.deleteCouple(device.coupleId);
  deps.log.info('account.deleted', { couple: device.coupleId });
  return { data: { deleted: true }, happened: { coupleId: device.coupleId, events: [{ type: 'couple_unlinked' }] } };
};
