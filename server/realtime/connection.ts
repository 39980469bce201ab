import { parseCredential, sameHash, sha256 } from '../security/secrets.js';
import { clientAddress } from '../security/origin.js';
import { attachToCouple, loadSnapshot } from './couples.js';
import { dispatch } from './dispatch.js';
import type { AppServer, Deps } from './types.js';

/** Error data a client reads from `connect_error` to learn its credential is gone. */
export const NOT_LINKED = { code: 'not_linked' } as const;

export function wireSockets(io: AppServer, deps: Deps): void {
  // Runs on every connection, including connection-state recovery (skipMiddlewares: false),
  // so a revoked credential never slips back in on a recovered session.
  io.use((socket, next) => {
    socket.data.address = clientAddress(socket.request, deps.config.trustProxy);
    const credential: unknown = socket.handshake.auth?.credential;
    if (credential === undefined) return next();
    const parsed = typeof credential === 'string' ? parseCredential(credential) : null;
    const rejected = () => next(Object.assign(new Error('not_linked'), { data: NOT_LINKED }));
    if (!parsed) return rejected();
    deps.store.findDevice(parsed.deviceId).then(
      (device) => {
        if (!device || !sameHash(sha256(parsed.secret), device.secretHash)) return rejected();
        attachToCouple(socket, device);
        next();
      },
      () => next(new Error('unavailable')),
    );
  });

  io.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => dispatch(socket, deps, event, args));
    const coupleId = socket.data.coupleId;
    if (!coupleId) return;
    // Every (re)connect gets the authoritative state; recovery replays missed events but is no guarantee.
    loadSnapshot(deps, coupleId).then(
      (snapshot) => snapshot && socket.emit('couple:state', snapshot),
      () => deps.log.error('snapshot.failed', { couple: coupleId }),
    );
  });
}
