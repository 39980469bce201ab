import { ref, watch, type Ref } from 'vue';
import * as v from 'valibot';

/**
 * Local storage that never throws and never trusts what it reads: private browsing and full disks
 * must not break a pause, and a value from an older build (or edited by hand) is checked against
 * its schema before anything uses it. A value that fails the check is treated as absent.
 *
 * Versions: today's formats are version 1 and are stored as plain JSON, exactly as phones already
 * have them. A later format is stored as `{ "v": N, "value": … }`; reading an older version runs
 * `migrate` on it before the schema check.
 */

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

export type Schema<T> = v.GenericSchema<unknown, T>;

export interface Versioning {
  /** The format this build writes; 1 unless the stored shape has changed. */
  version?: number;
  /** Lifts a value stored at an older version to the current one; the schema checks the result. */
  migrate?: (value: unknown, from: number) => unknown;
}

const FIRST_VERSION = 1;

interface Stored {
  version: number;
  value: unknown;
}

function isEnvelope(parsed: unknown): parsed is { v: number; value: unknown } {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const keys = Object.keys(parsed);
  const v = (parsed as { v?: unknown }).v;
  return keys.length === 2 && 'value' in parsed && typeof v === 'number' && Number.isInteger(v) && v > FIRST_VERSION;
}

function decode(raw: string): Stored {
  const parsed = JSON.parse(raw) as unknown;
  return isEnvelope(parsed) ? { version: parsed.v, value: parsed.value } : { version: FIRST_VERSION, value: parsed };
}

function encode(value: unknown, version: number): string {
  return JSON.stringify(version > FIRST_VERSION ? { v: version, value } : value);
}

function rawItem(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The stored value if it is there and passes the schema (after any migration); null otherwise. */
export function read<T>(
  key: string,
  schema: Schema<T>,
  { version = FIRST_VERSION, migrate }: Versioning = {},
): T | null {
  const raw = rawItem(key);
  if (raw === null) return null;
  let stored: Stored;
  try {
    stored = decode(raw);
  } catch {
    return null;
  }
  // A newer build wrote this; this one cannot know its shape.
  if (stored.version > version) return null;
  let value = stored.value;
  if (stored.version < version) {
    if (!migrate) return null;
    try {
      value = migrate(value, stored.version);
    } catch {
      return null;
    }
  }
  const checked = v.safeParse(schema, value);
  return checked.success ? checked.output : null;
}

/** Null or undefined removes the key. Returns false when the browser refused the write (full disk, blocked site data). */
export function save(key: string, value: unknown, version = FIRST_VERSION): boolean {
  try {
    if (value === null || value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, encode(value, version));
    return true;
  } catch {
    // Keeping state in memory is enough for this session.
    return false;
  }
}

export interface PersistedOptions<T> extends Versioning {
  /** The value when nothing valid is stored. */
  fallback: T;
  /** Values stored as absent (an empty list, say), so nothing lingers on the phone. */
  absent?: (value: T) => boolean;
}

/** A ref loaded from storage (checked, migrated) and written back on every change, deep ones included. */
export function persisted<T>(key: string, schema: Schema<T>, options: PersistedOptions<T>): Ref<T> {
  const { fallback, absent, version = FIRST_VERSION } = options;
  const state = ref(read(key, schema, options) ?? fallback) as Ref<T>;
  watch(state, (value) => save(key, absent?.(value) ? null : value, version), { deep: true });
  return state;
}
