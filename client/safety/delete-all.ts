import { errorText } from '../content/errors';
import { useConnectionStore } from '../stores/connection';

/**
 * "Delete everything": first the server (`account:delete`: this person's device, their held messages
 * and the couple, at once; the partner's phone shows "not linked"), then this phone: every store is
 * dropped from memory, then localStorage, sessionStorage, IndexedDB databases, Cache Storage and the
 * service worker (with its push subscription), and the app starts again, empty.
 *
 * The whole origin belongs to this app, so everything in it goes, not only keys it knows about.
 */

const cleanups: Array<() => void | Promise<void>> = [];

/** Something holding data outside web storage (an open IndexedDB connection…) registers how to let go. */
export function onDeleteEverything(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

export type DeleteOutcome = { ok: true } | { ok: false; offline: boolean; message: string };

/** Asks the server to delete this person's data now. A phone that is not linked has nothing there. */
export async function deleteOnServer(): Promise<DeleteOutcome> {
  const conn = useConnectionStore();
  if (!conn.credential) return { ok: true };
  const res = await conn.call('account:delete', {});
  if ('data' in res || res.error.code === 'not_linked') return { ok: true };
  return {
    ok: false,
    offline: res.error.code === 'offline' || res.error.code === 'timeout',
    message: errorText(res.error),
  };
}

const DELETE_DB_TIMEOUT_MS = 2000;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DELETE_DB_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = done;
      // Blocked by a connection still open: the delete goes through as soon as it closes (the reload below).
      req.onblocked = () => undefined;
    } catch {
      done();
    }
  });
}

async function clearIndexedDb(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  let names: string[];
  try {
    names = (await indexedDB.databases?.())?.map((db) => db.name).filter((n): n is string => !!n) ?? [];
  } catch {
    names = [];
  }
  // Browsers without databases(): the ones this app is known to make.
  if (!names.length) names = ['breather-e2e'];
  await Promise.all(names.map(deleteDatabase));
}

async function clearCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
  } catch {
    // Not available here (an insecure origin): nothing was cached.
  }
}

async function clearServiceWorkers(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    for (const reg of await navigator.serviceWorker.getRegistrations()) {
      try {
        await (await reg.pushManager?.getSubscription())?.unsubscribe();
      } catch {
        // The push service forgets it when the worker goes.
      }
      await reg.unregister();
    }
  } catch {
    // Nothing registered.
  }
}

function clearWebStorage(): void {
  for (const storage of [() => localStorage, () => sessionStorage]) {
    try {
      storage().clear();
    } catch {
      // Blocked site data holds nothing.
    }
  }
}

/** Clears this phone. `dropMemory` runs first, so no store writes anything back afterwards. */
export async function wipeThisPhone(dropMemory: () => void): Promise<void> {
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch {
      // Keep going: the rest must still go.
    }
  }
  dropMemory();
  clearWebStorage();
  await Promise.all([clearIndexedDb(), clearCaches(), clearServiceWorkers()]);
  // Again, in case anything still running wrote while the rest was cleared.
  clearWebStorage();
}
