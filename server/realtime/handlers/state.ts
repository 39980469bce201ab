import { loadSnapshot, requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { Handler } from '../types.js';

export const ping: Handler<'time:ping'> = async (_socket, { t0 }, deps) => ({
  data: { t0, serverNow: deps.clock.now() },
});

export const getState: Handler<'state:get'> = async (socket, _payload, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const snapshot = await loadSnapshot(deps, device.coupleId);
  return snapshot ? { data: snapshot } : refuse('not_linked');
};

export const updateSettings: Handler<'settings:update'> = async (socket, patch, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  await deps.store.updateDeviceSettings(device.id, patch);
  const snapshot = (await loadSnapshot(deps, device.coupleId))!;
  return { data: snapshot, happened: { coupleId: snapshot.coupleId, snapshot, events: [{ type: 'devices_changed' }] } };
};
