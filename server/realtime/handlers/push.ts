import { endpointAllowed, keyBytesOk } from '../../push/endpoint.js';
import { requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { Handler } from '../types.js';

/** The VAPID public key a phone subscribes with; null when this server sends no push. */
export const pushKey: Handler<'push:key'> = async (_socket, _payload, deps) => ({
  data: { publicKey: deps.push?.publicKey ?? null },
});

/** A linked phone whose person said yes: its subscription replaces any earlier one. */
export const pushSubscribe: Handler<'push:subscribe'> = async (socket, { endpoint, keys }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  if (!deps.push) return refuse('bad_request');
  if (!endpointAllowed(endpoint, deps.config.push)) {
    deps.log.warn('push.endpoint_refused', {});
    return refuse('bad_request');
  }
  if (!keyBytesOk(keys.p256dh, 65, true) || !keyBytesOk(keys.auth, 16)) {
    return refuse('bad_request');
  }
  const saved = await deps.store.savePushSubscription({
    endpoint,
    deviceId: device.id,
    p256dh: keys.p256dh,
    auth: keys.auth,
    createdAt: deps.clock.now(),
  });
  if (!saved) return refuse('not_linked');
  deps.log.info('push.subscribed', { couple: device.coupleId });
  return { data: { subscribed: true } };
};

export const pushUnsubscribe: Handler<'push:unsubscribe'> = async (socket, _payload, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  await deps.store.deletePushSubscriptions(device.id);
  return { data: { subscribed: false } };
};
