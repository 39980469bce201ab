import { defineStore } from 'pinia';
import { ref } from 'vue';
import { read, save } from '../lib/storage';
import { flagSchema } from '../lib/stored';
import { useConnectionStore } from '../stores/connection';
import { pushCopy } from './copy';
import { keyBytes, needsHomeScreen, pushSupported } from './support';

const ASKED_KEY = 'breather.push.asked';
const ON_KEY = 'breather.push.on';

export type PushState = 'unsupported' | 'home-screen' | 'denied' | 'off' | 'on';

function currentState(on: boolean): PushState {
  if (needsHomeScreen()) return 'home-screen';
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return on && Notification.permission === 'granted' ? 'on' : 'off';
}

/**
 * Web Push for this phone, only after its person says yes. Optional: without it the open app
 * still buzzes, retitles the tab and shows every change.
 */
export const usePushStore = defineStore('push', () => {
  const conn = useConnectionStore();
  const on = ref(read(ON_KEY, flagSchema) === true);
  const asked = ref(read(ASKED_KEY, flagSchema) === true);
  const state = ref<PushState>(currentState(on.value));
  const busy = ref(false);
  const note = ref<string | null>(null);

  function setOn(value: boolean): void {
    on.value = value;
    save(ON_KEY, value || null);
    state.value = currentState(value);
  }

  function dismiss(): void {
    asked.value = true;
    save(ASKED_KEY, true);
  }

  async function sendSubscription(sub: PushSubscription): Promise<boolean> {
    const json = sub.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return false;
    const res = await conn.call('push:subscribe', {
      endpoint: json.endpoint,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    });
    return !('error' in res);
  }

  async function enable(): Promise<void> {
    dismiss();
    note.value = null;
    if (!conn.connected) {
      note.value = pushCopy.offline;
      return;
    }
    busy.value = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        state.value = currentState(false);
        // Said in words: the card stays to say it, instead of vanishing.
        note.value = permission === 'denied' ? pushCopy.refused : pushCopy.notChosen;
        return;
      }
      const key = await conn.call('push:key', {});
      if ('error' in key || !key.data.publicKey) throw new Error('no key');
      const reg = await navigator.serviceWorker.ready;
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(key.data.publicKey),
        }));
      if (!(await sendSubscription(sub))) throw new Error('refused');
      setOn(true);
    } catch {
      note.value = pushCopy.failed;
      setOn(false);
    } finally {
      busy.value = false;
    }
  }

  async function disable(): Promise<void> {
    busy.value = true;
    note.value = null;
    try {
      const reg = await navigator.serviceWorker.getRegistration();
      await (await reg?.pushManager.getSubscription())?.unsubscribe();
      await conn.call('push:unsubscribe', {});
    } finally {
      setOn(false);
      busy.value = false;
    }
  }

  /** On every connect: the server learns this phone's current subscription again (it may have rotated). */
  conn.onConnect(() => {
    if (!on.value || !pushSupported() || Notification.permission !== 'granted') return;
    void navigator.serviceWorker.getRegistration().then(async (reg) => {
      const sub = await reg?.pushManager.getSubscription();
      if (sub) await sendSubscription(sub);
      else setOn(false);
    });
  });

  function clearNote(): void {
    note.value = null;
  }

  return { state, asked, busy, note, enable, disable, dismiss, clearNote };
});
