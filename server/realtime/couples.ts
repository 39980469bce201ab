import type { CoupleSnapshot, DeviceView } from '../../shared/contracts/snapshot.js';
import type { CoupleState } from '../../shared/pause/machine.js';
import type { DeviceRecord } from '../store/store.js';
import type { AppSocket, Deps } from './types.js';
import { refuse } from './refuse.js';
import { coupleAgreement } from './agreement.js';

export function coupleRoom(coupleId: string): string {
  return `couple:${coupleId}`;
}

function deviceView(d: DeviceRecord): DeviceView {
  return {
    id: d.id,
    name: d.name,
    linkedAt: d.linkedAt,
    defaultMinutes: d.defaultMinutes,
    reassurance: d.reassurance,
    tendsToWithdraw: d.tendsToWithdraw,
    publicKey: d.publicKey,
  };
}

/** Like the agreement (agreement.ts), worked out once per device list the read cache hands out. */
const views = new WeakMap<readonly DeviceRecord[], DeviceView[]>();

function deviceViews(devices: readonly DeviceRecord[]): DeviceView[] {
  let list = views.get(devices);
  if (!list) views.set(devices, (list = devices.map(deviceView)));
  return list;
}

export function toSnapshot(coupleId: string, state: CoupleState, devices: DeviceRecord[], now: number): CoupleSnapshot {
  return {
    coupleId,
    seq: state.seq,
    phase: state.phase,
    devices: deviceViews(devices),
    pause: state.pause,
    conversation: state.conversation ?? null,
    agreement: coupleAgreement(devices),
    talkLater: state.talkLater ?? null,
    serverNow: now,
  };
}

export async function loadSnapshot(deps: Deps, coupleId: string): Promise<CoupleSnapshot | null> {
  const couple = await deps.store.loadCouple(coupleId);
  return couple ? toSnapshot(coupleId, couple.state, couple.devices, deps.clock.now()) : null;
}

/** Looks the device up on every event, so an unpaired credential stops working at once. */
export async function requireDevice(socket: AppSocket, deps: Deps) {
  const id = socket.data.deviceId;
  const device = id ? await deps.store.findDevice(id) : null;
  if (!device) return refuse('not_linked');
  return device;
}

export function attachToCouple(socket: AppSocket, device: Pick<DeviceRecord, 'id' | 'coupleId'>): void {
  socket.data.deviceId = device.id;
  socket.data.coupleId = device.coupleId;
  void socket.join(coupleRoom(device.coupleId));
}
