import { ref, shallowRef } from 'vue';
import type { useConnectionStore } from '../stores/connection';
import type { useCoupleStore } from '../stores/couple';
import { deviceKeys, type DeviceKeys } from './keystore';

/**
 * This phone's key pair: loaded (or made) when it links, and published (`keys:publish`) whenever the
 * server's copy differs from the phone's (a phone that lost its keys makes new ones).
 */
export function useDeviceKeys(conn: ReturnType<typeof useConnectionStore>, couple: ReturnType<typeof useCoupleStore>) {
  const mine = shallowRef<DeviceKeys | null>(null);
  const failed = ref(false);

  async function load(deviceId: string): Promise<void> {
    try {
      const keys = await deviceKeys(deviceId);
      if (couple.deviceId === deviceId) mine.value = keys;
    } catch {
      failed.value = true;
    }
  }

  let publishing = false;
  async function publish(): Promise<void> {
    let keys = mine.value;
    if (publishing || !keys || !conn.connected || !couple.me || couple.me.publicKey === keys.publicKey) return;
    publishing = true;
    try {
      // Another tab of this phone may have stored a newer pair: adopt what is stored, so tabs agree.
      const stored = await deviceKeys(keys.deviceId).catch(() => keys!);
      if (stored.publicKey !== keys.publicKey && couple.deviceId === keys.deviceId) mine.value = keys = stored;
      if (couple.me?.publicKey === keys.publicKey) return;
      const res = await conn.call('keys:publish', { publicKey: keys.publicKey });
      if ('data' in res) couple.applySnapshot(res.data);
    } finally {
      publishing = false;
    }
  }

  function reset(): void {
    mine.value = null;
    failed.value = false;
  }

  return { mine, failed, load, publish, reset };
}
