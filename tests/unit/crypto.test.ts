import { describe, expect, it } from 'vitest';
import {
  deriveCoupleKey,
  ENVELOPE_PATTERN,
  exportPublicKey,
  fromBase64url,
  generateKeyPair,
  importPublicKey,
  isValidPublicKey,
  open,
  openJson,
  openText,
  OpenError,
  PUBLIC_KEY_PATTERN,
  safetyCode,
  seal,
  sealJson,
  sealText,
  toBase64url,
  type MessageContext,
} from '../../shared/crypto/index.js';

const COUPLE = 'couple-1234567890';

async function phone() {
  const pair = await generateKeyPair();
  return { pair, publicKey: await exportPublicKey(pair.publicKey) };
}

async function couple(coupleId = COUPLE) {
  const a = await phone();
  const b = await phone();
  const keyA = await deriveCoupleKey(a.pair.privateKey, a.publicKey, b.publicKey, coupleId);
  const keyB = await deriveCoupleKey(b.pair.privateKey, b.publicKey, a.publicKey, coupleId);
  return { a, b, keyA, keyB };
}

const ctx: MessageContext = { coupleId: COUPLE, senderId: 'device-a', messageId: 'msg-00000001' };

/** Flips one bit of the byte at `index` inside a base64url part. */
function flipPart(envelope: string, part: 1 | 2, index = 0): string {
  const parts = envelope.split('.');
  const bytes = fromBase64url(parts[part]!)!;
  bytes[index] = bytes[index]! ^ 0x01;
  parts[part] = toBase64url(bytes);
  return parts.join('.');
}

describe('base64url', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = toBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Buffer.from(fromBase64url(text)!)).toEqual(Buffer.from(bytes));
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
    }
    expect(fromBase64url('a')).toBeNull();
    expect(fromBase64url('ab+/')).toBeNull();
    expect(fromBase64url('AB')).toBeNull(); // leftover bits set: a second spelling of "AA"
  });
});

describe('key pairs', () => {
  it('exports the public key as a raw P-256 point and keeps the private key unexportable', async () => {
    const { pair, publicKey } = await phone();
    expect(publicKey).toMatch(PUBLIC_KEY_PATTERN);
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', pair.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    await expect(importPublicKey(publicKey)).resolves.toBeDefined();
  });

  it('refuses public keys that are not points on P-256', async () => {
    const { publicKey } = await phone();
    const offCurve = fromBase64url(publicKey)!;
    offCurve[64] = offCurve[64]! ^ 0x01;
    expect(await isValidPublicKey(toBase64url(offCurve))).toBe(false);
    expect(await isValidPublicKey('B' + 'A'.repeat(86))).toBe(false);
    expect(await isValidPublicKey('not a key')).toBe(false);
    expect(await isValidPublicKey(publicKey + 'A')).toBe(false);
    expect(await isValidPublicKey(publicKey)).toBe(true);
  });
});

describe('the couple key', () => {
  it('is the same on both phones: what one seals the other opens', async () => {
    const { keyA, keyB } = await couple();
    expect(keyA.extractable).toBe(false);
    const envelope = await sealText(keyA, 'I need to know we are okay. ✨', ctx);
    expect(envelope).toMatch(ENVELOPE_PATTERN);
    expect(envelope).not.toContain('okay');
    expect(await openText(keyB, envelope, ctx)).toBe('I need to know we are okay. ✨');
    expect(await openJson(keyB, await sealJson(keyA, { card: ['a', 1] }, ctx), ctx)).toEqual({ card: ['a', 1] });
  });

  it('differs for another couple id, and for another pair of keys (re-pairing)', async () => {
    const { a, b, keyA } = await couple();
    const otherCouple = await deriveCoupleKey(b.pair.privateKey, b.publicKey, a.publicKey, 'couple-other-000');
    const envelope = await sealText(keyA, 'hello', ctx);
    await expect(openText(otherCouple, envelope, ctx)).rejects.toBeInstanceOf(OpenError);
    const again = await couple();
    await expect(openText(again.keyB, envelope, ctx)).rejects.toBeInstanceOf(OpenError);
  });

  it('refuses to pair a phone with itself', async () => {
    const a = await phone();
    await expect(deriveCoupleKey(a.pair.privateKey, a.publicKey, a.publicKey, COUPLE)).rejects.toThrow();
  });
});

describe('tampering', () => {
  it('fails to open when the ciphertext, the tag or the IV changed', async () => {
    const { keyA, keyB } = await couple();
    const envelope = await sealText(keyA, 'the words that matter', ctx);
    const ctLength = fromBase64url(envelope.split('.')[2]!)!.length;
    const tampered = [
      flipPart(envelope, 2, 0), // first ciphertext byte
      flipPart(envelope, 2, ctLength - 1), // the tag
      flipPart(envelope, 1, 0), // the IV
      flipPart(envelope, 1, 11),
      envelope.slice(0, -4), // truncated
      envelope.replace(/^v1/, 'v2'),
      'v1..',
      'plain text',
    ];
    for (const t of tampered) await expect(openText(keyB, t, ctx), t).rejects.toBeInstanceOf(OpenError);
    expect(await openText(keyB, envelope, ctx)).toBe('the words that matter');
  });

  it('fails to open when any field of the additional data differs', async () => {
    const { keyA, keyB } = await couple();
    const envelope = await sealText(keyA, 'bound to its place', ctx);
    const others: MessageContext[] = [
      { ...ctx, coupleId: 'couple-999' },
      { ...ctx, senderId: 'device-b' },
      { ...ctx, messageId: 'msg-00000002' },
      // Fields that would collide under naive concatenation still differ.
      { coupleId: COUPLE + 'device-a', senderId: '', messageId: ctx.messageId },
    ];
    for (const other of others) await expect(openText(keyB, envelope, other)).rejects.toBeInstanceOf(OpenError);
  });
});

describe('IVs', () => {
  it('are fresh for each of 100,000 encryptions', async () => {
    const { keyA } = await couple();
    const ivs = new Set<string>();
    const plaintext = new TextEncoder().encode('same words every time');
    const N = 100_000;
    const BATCH = 1000;
    for (let i = 0; i < N; i += BATCH) {
      const sealed = await Promise.all(Array.from({ length: BATCH }, () => seal(keyA, plaintext, ctx)));
      for (const envelope of sealed) ivs.add(envelope.split('.')[1]!);
    }
    expect(ivs.size).toBe(N);
    // Same words, same context, different IV: the ciphertexts differ too, and still open.
    const [x, y] = await Promise.all([seal(keyA, plaintext, ctx), seal(keyA, plaintext, ctx)]);
    expect(x).not.toBe(y);
    expect(new TextDecoder().decode(await open(keyA, x, ctx))).toBe('same words every time');
  }, 120_000);
});

describe('the safety code', () => {
  it('is six digits, the same on both phones', async () => {
    const { a, b } = await couple();
    const onA = await safetyCode(a.publicKey, b.publicKey);
    const onB = await safetyCode(b.publicKey, a.publicKey);
    expect(onA).toMatch(/^\d{3} \d{3}$/);
    expect(onA).toBe(onB);
  });

  it('changes when either key changes (re-pairing, or a key swapped on the way)', async () => {
    const { a, b } = await couple();
    const before = await safetyCode(a.publicKey, b.publicKey);
    const a2 = await phone();
    const b2 = await phone();
    expect(await safetyCode(a2.publicKey, b.publicKey)).not.toBe(before);
    expect(await safetyCode(a.publicKey, b2.publicKey)).not.toBe(before);
    expect(await safetyCode(a2.publicKey, b2.publicKey)).not.toBe(before);
  });
});
