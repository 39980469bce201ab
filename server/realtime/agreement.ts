import { createHash } from 'node:crypto';
import { agreementView, type AgreementView, type Digest, type PersonTerms } from '../../shared/agreement/rules.js';
import type { DeviceRecord } from '../store/store.js';

/** 132 bits of SHA-256: the terms a person accepted, told apart from any other terms. */
export const termsDigest: Digest = (text) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export function personTerms(d: DeviceRecord): PersonTerms {
  return { deviceId: d.id, minutes: d.defaultMinutes, signal: d.reassurance, acceptedTerms: d.agreedTerms };
}

export function coupleAgreement(devices: readonly DeviceRecord[]): AgreementView {
  return agreementView(devices.map(personTerms), termsDigest);
}
