import { parseCredential, sameHash, sha256 } from '../security/secrets.js';
import { takeVerdict, type EngineConnection } from '../security/engine-gate.js';
import { attachToCouple, coupleRoom, loadSnapshot } from './couples.js';
import { dispatch } from './dispatch.js';
import { deliverHeldOnConnect } from './held.js';
import type { AppServer, AppSocket, Deps } from './types.js';

/** Error data a client reads from `connect_error` to learn its credential is gone. */
export const NOT_LINKED = { code: 'not_linked' } as const;

function engineOf(socket: AppSocket): EngineConnection {
  return socket.conn as unknown as EngineConnection;
}

export function wireSockets(io: AppServer, deps: Deps): void {
  // Runs on every connection, including connection-state recovery (skipMiddlewares: false),
  // so a revoked credential never slips back in on a recovered session.
  io.use((socket, next) => {
    // Worked out once per connection on its handshake (security/engine-gate), as Express would.
    socket.data.address = engineOf(socket).clientAddress ?? 'unknown';
    // A recovered session brings back its data and rooms, including an identity gained by pairing
    // in that session without a credential in the handshake: that device must still exist too.
    const restored = { deviceId: socket.data.deviceId, coupleId: socket.data.coupleId };
    const credential: unknown = socket.handshake.auth?.credential;
    const rejected = () => next(Object.assign(new Error('not_linked'), { data: NOT_LINKED }));
    const unavailable = () => next(new Error('unavailable'));
    if (credential === undefined) {
      if (!restored.deviceId) return next();
      deps.store
        .findDevice(restored.deviceId)
        .then((device) => (device && device.coupleId === restored.coupleId ? next() : rejected()), unavailable);
      return;
    }
    const parsed = typeof credential === 'string' ? parseCredential(credential) : null;
    if (!parsed) return rejected();
    deps.store.findDevice(parsed.deviceId).then((device) => {
      if (!device || !sameHash(sha256(parsed.secret), device.secretHash)) return rejected();
      if (restored.coupleId && restored.coupleId !== device.coupleId) void socket.leave(coupleRoom(restored.coupleId));
      attachToCouple(socket, device);
      next();
    }, unavailable);
  });

  // One listener for every socket (Socket.IO calls it on the socket): a closure each would cost every socket its own.
  function onEvent(this: AppSocket, event: string, ...args: unknown[]): void {
    dispatch(this, deps, event, args, takeVerdict(engineOf(this)));
  }
  io.on('connection', (socket) => {
    socket.onAny(onEvent);
    const coupleId = socket.data.coupleId;
    if (!coupleId) return;
    // Only made for a failure: a logger per connection would be garbage on every connect.
    const failed = (event: string) => () => deps.log.child({ couple: coupleId }).error(event);
    // Every (re)connect gets the authoritative state; recovery replays missed events but is no guarantee.
    loadSnapshot(deps, coupleId).then((snapshot) => {
      if (!snapshot) return;
      socket.emit('couple:state', snapshot);
      // Then any held messages still unconfirmed by this phone (only once the pause is over).
      deliverHeldOnConnect(socket, deps, snapshot.phase).catch(failed('held.redeliver_failed'));
    }, failed('snapshot.failed'));
  });
}
