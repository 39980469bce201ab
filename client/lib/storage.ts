/** Local storage that never throws: private browsing and full disks must not break a pause. */

export const KEYS = {
  credential: 'breather.credential',
  deviceId: 'breather.deviceId',
  snapshot: 'breather.snapshot',
  invite: 'breather.invite',
  /** Only that the screening question was answered "no" on this phone; a "yes" is never stored. */
  screened: 'breather.screened',
  offset: 'breather.offset',
  queuedPause: 'breather.queuedPause',
  heldMine: 'breather.held.mine',
  heldOutbox: 'breather.held.outbox',
  heldReceived: 'breather.held.received',
  heldDraft: 'breather.held.draft',
} as const;

export function load<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Returns false when the browser refused the write (full disk, blocked site data). */
export function save(key: string, value: unknown): boolean {
  try {
    if (value === null || value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Keeping state in memory is enough for this session.
    return false;
  }
}
