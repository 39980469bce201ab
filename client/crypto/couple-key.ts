import { deriveCoupleKey, type CryptoKeyLike } from '../../shared/crypto/couple-key';
import { safetyCode } from '../../shared/crypto/safety-code';
import type { DeviceKeys } from './keystore';

/**
 * The couple key both phones derive from their two public keys (shared/crypto/couple-key.ts), and
 * the safety code both phones show for the same pair of keys.
 */
export interface CoupleKey {
  /** What the key was derived from; a change to any part means a new key. */
  basis: string;
  coupleId: string;
  deviceId: string;
  key: CryptoKeyLike;
  safetyCode: string;
}

export function coupleKeyBasis(coupleId: string, keys: DeviceKeys, peerPublicKey: string): string {
  return [coupleId, keys.deviceId, keys.publicKey, peerPublicKey].join('|');
}

/** Rejects when the partner's key does not import: nothing can be sealed for it. */
export async function deriveCouple(coupleId: string, keys: DeviceKeys, peerPublicKey: string): Promise<CoupleKey> {
  const key = await deriveCoupleKey(keys.privateKey, keys.publicKey, peerPublicKey, coupleId);
  const code = await safetyCode(keys.publicKey, peerPublicKey);
  return {
    basis: coupleKeyBasis(coupleId, keys, peerPublicKey),
    coupleId,
    deviceId: keys.deviceId,
    key,
    safetyCode: code,
  };
}
