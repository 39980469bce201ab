import type Database from 'better-sqlite3';
import type { DeviceRecord, DeviceSettings, Store } from '../store.js';
import type { BumpSeq } from './couples.js';
import type { ReadCache } from './read-cache.js';
import { toDevice, type DeviceRow } from '../rows.js';

type DeviceMethods = Pick<Store, 'findDevice' | 'listDevices' | 'updateDeviceSettings' | 'setDevicePublicKey'>;

/** Device rows as the couple and invite writes add them, inside their own transactions. */
export interface DeviceRows {
  insert(device: DeviceRecord): void;
  count(coupleId: string): number;
}

export function deviceRows(db: Database.Database): DeviceRows {
  const insert = db.prepare(
    `INSERT INTO devices (id, couple_id, name, secret_hash, linked_at, default_minutes, reassurance, tends_to_withdraw)
     VALUES (@id, @couple_id, @name, @secret_hash, @linked_at, @default_minutes, @reassurance, @tends_to_withdraw)`,
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM devices WHERE couple_id = ?');
  return {
    insert: (device) => insert.run(deviceRow(device)),
    count: (coupleId) => count.get(coupleId)!.n,
  };
}

/**
 * A couple's phones, on SQLite. Every change to a device bumps the couple's seq in the same
 * transaction, so a command that read the old devices loses its compare-and-set.
 */
export function deviceMethods(db: Database.Database, cache: ReadCache, bumpSeq: BumpSeq): DeviceMethods {
  const devicesOf = cache.table<DeviceRecord[]>();
  const q = {
    device: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?'),
    devices: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE couple_id = ? ORDER BY linked_at, rowid'),
    setPublicKey: db.prepare<[string, string], { couple_id: string }>(
      'UPDATE devices SET public_key = ? WHERE id = ? RETURNING couple_id',
    ),
  };

  const updateSettings = db.transaction((deviceId: string, patch: Partial<DeviceSettings>): number => {
    const row = q.device.get(deviceId);
    if (!row) throw new Error('device not found');
    const sets: string[] = [];
    const values: Record<string, unknown> = { id: deviceId };
    if (patch.name !== undefined) {
      sets.push('name = @name');
      values.name = patch.name;
    }
    if (patch.defaultMinutes !== undefined) {
      sets.push('default_minutes = @dm');
      values.dm = patch.defaultMinutes;
    }
    if (patch.reassurance !== undefined) {
      sets.push('reassurance = @r');
      values.r = patch.reassurance;
    }
    if (patch.tendsToWithdraw !== undefined) {
      sets.push('tends_to_withdraw = @w');
      values.w = patch.tendsToWithdraw === null ? null : Number(patch.tendsToWithdraw);
    }
    if (patch.agreedTerms !== undefined) {
      sets.push('agreed_terms = @at');
      values.at = patch.agreedTerms;
    }
    if (sets.length) db.prepare(`UPDATE devices SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return bumpSeq(row.couple_id);
  });

  const setPublicKey = db.transaction((deviceId: string, publicKey: string): number => {
    const row = q.setPublicKey.get(publicKey, deviceId);
    if (!row) throw new Error('device not found');
    return bumpSeq(row.couple_id);
  });

  return {
    async findDevice(deviceId) {
      const row = q.device.get(deviceId);
      return row ? toDevice(row) : null;
    },
    async listDevices(coupleId) {
      return devicesOf.get(coupleId, () => q.devices.all(coupleId).map(toDevice));
    },
    async updateDeviceSettings(deviceId, patch) {
      return updateSettings(deviceId, patch);
    },
    async setDevicePublicKey(deviceId, publicKey) {
      return setPublicKey(deviceId, publicKey);
    },
  };
}

function deviceRow(d: DeviceRecord) {
  return {
    id: d.id,
    couple_id: d.coupleId,
    name: d.name,
    secret_hash: d.secretHash,
    linked_at: d.linkedAt,
    default_minutes: d.defaultMinutes,
    reassurance: d.reassurance,
    tends_to_withdraw: d.tendsToWithdraw === null ? null : Number(d.tendsToWithdraw),
  };
}
