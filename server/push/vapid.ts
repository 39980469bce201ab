import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import type { PushConfig } from '../config.js';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url: what browsers take as `applicationServerKey`. */
  publicKey: string;
  privateKey: string;
  subject: string;
}

export const VAPID_FILE = 'vapid.json';

/**
 * The server's VAPID identity: from the environment when given, else the pair kept in the data
 * dir, else a new pair made now and saved there (mode 0600). Keeping it matters: subscriptions are
 * bound to the public key, so a new key would silently orphan every phone's subscription.
 */
export function loadVapidKeys(push: PushConfig, dataDir: string): VapidKeys {
  if (push.vapid) return { ...push.vapid, subject: push.subject };
  const file = join(dataDir, VAPID_FILE);
  const stored = readStored(file);
  if (stored) return { ...stored, subject: push.subject };
  const fresh = webpush.generateVAPIDKeys();
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': if another process made the file first, keep theirs.
    writeFileSync(file, JSON.stringify(fresh) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const theirs = (err as NodeJS.ErrnoException).code === 'EEXIST' ? readStored(file) : null;
    if (theirs) return { ...theirs, subject: push.subject };
    throw err;
  }
  chmodSync(file, 0o600);
  return { ...fresh, subject: push.subject };
}

function readStored(file: string): { publicKey: string; privateKey: string } | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = JSON.parse(raw) as { publicKey?: unknown; privateKey?: unknown };
  if (typeof parsed.publicKey !== 'string' || typeof parsed.privateKey !== 'string') {
    throw new Error(`${file} does not hold a VAPID key pair`);
  }
  return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
}
