import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

type Packet = Parameters<Adapter['broadcast']>[0];

/**
 * Connection-state recovery keeps every event emitted for the recovery window and replays to a phone
 * that comes back what it missed. This keeps only the events sent to a room (a couple's state changes,
 * an unlink), not those sent to one socket: those are the snapshot and held messages a phone is sent on
 * every connect, recovered or not (connection.ts), and a refused agreement's latest terms, which that
 * snapshot carries too. Replaying one would only repeat what the reconnect sends afresh, while keeping
 * it held about a kilobyte for every phone that connected in the window.
 */
export class RoomRecoveryAdapter extends SessionAwareAdapter {
  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    if (toOneSocket(this, opts)) Adapter.prototype.broadcast.call(this, packet, opts);
    else super.broadcast(packet, opts);
  }
}

/** Every socket is alone in a room named by its id (Socket.IO's `socket.emit` and `io.to(id)`). */
function toOneSocket(adapter: Adapter, { rooms, except }: BroadcastOptions): boolean {
  if (rooms.size !== 1 || (except && except.size > 0)) return false;
  const [room] = rooms;
  return (adapter.nsp as { sockets: Map<string, unknown> }).sockets.has(room!);
}
