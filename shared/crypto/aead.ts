import { fromBase64url, toBase64url } from './base64url.js';
import type { CryptoKeyLike } from './couple-key.js';

/**
 * Authenticated encryption of personal text between the two phones: AES-GCM 256 with the couple key.
 *
 * Envelope: `v1.<base64url 12-byte IV>.<base64url ciphertext with its 16-byte tag>`.
 * Every seal draws a fresh random 96-bit IV (crypto.getRandomValues); nothing is ever encrypted
 * twice under one IV by design, and 2^-32-scale collision odds hold far beyond any couple's volume.
 * The additional data binds where a message belongs, so the server cannot move a ciphertext to
 * another couple, pass one person's words off as the other's, or swap two messages.
 */

export const ENVELOPE_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What a sealed payload looks like; the server may check this shape, never the content. */
export const ENVELOPE_PATTERN = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

/** Who wrote a message, in which couple, and which message it is. All three are authenticated. */
export interface MessageContext {
  coupleId: string;
  senderId: string;
  /** The message's own id, or a fixed name for a one-of-a-kind field (e.g. 'settings.reassurance'). */
  messageId: string;
}

/** Thrown when a payload cannot be opened: damaged, changed on the way, or not meant for this context. */
export class OpenError extends Error {
  constructor(reason: string) {
    super(`could not open: ${reason}`);
    this.name = 'OpenError';
  }
}

/** Canonical additional data: a JSON array in fixed order, so no two contexts encode alike. */
export function encodeAad(ctx: MessageContext): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(['breather.msg.v1', ctx.coupleId, ctx.senderId, ctx.messageId]));
}

export function newIv(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(IV_BYTES));
}

export async function seal(
  key: CryptoKeyLike,
  plaintext: Uint8Array<ArrayBuffer>,
  ctx: MessageContext,
): Promise<string> {
  const iv = newIv();
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encodeAad(ctx), tagLength: 128 },
    key,
    plaintext,
  );
  return `${ENVELOPE_VERSION}.${toBase64url(iv)}.${toBase64url(new Uint8Array(ct))}`;
}

export async function open(
  key: CryptoKeyLike,
  envelope: string,
  ctx: MessageContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const parts = envelope.split('.');
  if (parts.length !== 3 || parts[0] !== ENVELOPE_VERSION) throw new OpenError('not a v1 envelope');
  const iv = fromBase64url(parts[1]!);
  const ct = fromBase64url(parts[2]!);
  if (!iv || iv.length !== IV_BYTES || !ct || ct.length < TAG_BYTES) throw new OpenError('malformed envelope');
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encodeAad(ctx), tagLength: 128 },
      key,
      ct,
    );
    return new Uint8Array(pt);
  } catch {
    throw new OpenError('authentication failed');
  }
}

export async function sealText(key: CryptoKeyLike, text: string, ctx: MessageContext): Promise<string> {
  return seal(key, new TextEncoder().encode(text), ctx);
}

export async function openText(key: CryptoKeyLike, envelope: string, ctx: MessageContext): Promise<string> {
  const bytes = await open(key, envelope, ctx);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OpenError('not text');
  }
}

export async function sealJson(key: CryptoKeyLike, value: unknown, ctx: MessageContext): Promise<string> {
  return sealText(key, JSON.stringify(value), ctx);
}

export async function openJson<T>(key: CryptoKeyLike, envelope: string, ctx: MessageContext): Promise<T> {
  const text = await openText(key, envelope, ctx);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new OpenError('not JSON');
  }
}
