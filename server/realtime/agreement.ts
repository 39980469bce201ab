import { createHash } from 'node:crypto';
import { agreementView, type AgreementView, type Digest, type PersonTerms } from '../../shared/agreement/rules.js';
import type { DeviceRecord } from '../store/store.js';

/** 132 bits of SHA-256: the terms a person accepted, told apart from any other terms. */
export const termsDigest: Digest = (text) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export function personTerms(d: DeviceRecord): PersonTerms {
  return { deviceId: d.id, minutes: d.defaultMinutes, signal: d.reassurance, acceptedTerms: d.agreedTerms };
}

/**
 * Every snapshot carries the agreement, so it is worked out once per device list: the store's read
 * cache hands out the same (never mutated) array until the couple's devices change.
 */
const views = new WeakMap<readonly DeviceRecord[], AgreementView>();

export function coupleAgreement(devices: readonly DeviceRecord[]): AgreementView {
  let view = views.get(devices);
  if (!view) views.set(devices, (view = agreementView(devices.map(personTerms), termsDigest)));
  return view;
}
