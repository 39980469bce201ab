import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { encodeCode } from '../../shared/pairing/code.js';

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newId(): string {
  return randomUUID();
}

/** A device credential: `<deviceId>.<256 random bits>`. Only the secret's hash is stored. */
export function newCredential(deviceId: string): { credential: string; secretHash: Buffer } {
  const secret = randomBytes(32).toString('base64url');
  return { credential: `${deviceId}.${secret}`, secretHash: sha256(secret) };
}

export function parseCredential(credential: string): { deviceId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(credential);
  return match ? { deviceId: match[1]!, secret: match[2]! } : null;
}

/** 8 Crockford base32 characters (40 bits) from the system's cryptographic source. */
export function newPairingCode(): string {
  return encodeCode(randomBytes(8));
}

/** 128 bits for the QR link's fragment. */
export function newInviteToken(): string {
  return randomBytes(16).toString('base64url');
}
