import { exportPublicKey, generateKeyPair, type CryptoKeyLike } from '../../shared/crypto/couple-key';

/**
 * This phone's key pair for end-to-end encryption, kept in IndexedDB (which can hold a CryptoKey
 * without ever exposing its bytes). The private key is generated non-extractable: not even this app
 * can read it out, only use it. One record per device id, so re-pairing (a new device id) makes a
 * new key pair; unpairing deletes them all.
 */

export interface DeviceKeys {
  deviceId: string;
  privateKey: CryptoKeyLike;
  /** Raw P-256 point, base64url: what is published to the partner. */
  publicKey: string;
  createdAt: number;
}

const DB_NAME = 'breather-e2e';
const STORE = 'keys';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB unavailable'));
  });
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('indexedDB transaction failed'));
        };
      }),
  );
}

let persistAsked = false;
/** Ask the browser not to evict our keys under storage pressure (losing them means a new safety code). */
function askPersistence(): void {
  if (persistAsked) return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => false);
}

/** This device's key pair: the stored one, or a new one (stored before it is returned). */
export async function deviceKeys(deviceId: string): Promise<DeviceKeys> {
  askPersistence();
  let stored: DeviceKeys | undefined;
  try {
    stored = await run<DeviceKeys | undefined>(
      'readonly',
      (s) => s.get(deviceId) as IDBRequest<DeviceKeys | undefined>,
    );
  } catch {
    stored = undefined;
  }
  if (stored && stored.privateKey && stored.publicKey) return stored;
  const pair = await generateKeyPair();
  const keys: DeviceKeys = {
    deviceId,
    privateKey: pair.privateKey,
    publicKey: await exportPublicKey(pair.publicKey),
    createdAt: Date.now(),
  };
  try {
    // Keys of an earlier pairing are useless now: one device id at a time.
    await run('readwrite', (s) => s.clear());
    await run('readwrite', (s) => s.put(keys, deviceId));
  } catch {
    // Private browsing without IndexedDB: the keys live for this session; a reload publishes new ones.
  }
  return keys;
}

/** Unpaired: the keys go with the couple. */
export async function forgetKeys(): Promise<void> {
  try {
    await run('readwrite', (s) => s.clear());
  } catch {
    // Nothing stored, nothing to forget.
  }
}
