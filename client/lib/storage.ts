/** Local storage that never throws: private browsing and full disks must not break a pause. */

export const KEYS = {
  credential: 'breather.credential',
  deviceId: 'breather.deviceId',
  snapshot: 'breather.snapshot',
  invite: 'breather.invite',
  agreed: 'breather.agreed',
  offset: 'breather.offset',
  queuedPause: 'breather.queuedPause',
} as const;

export function load<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function save(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Keeping state in memory is enough for this session.
  }
}
