import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acceptAgreement,
  agreementStatus,
  agreementView,
  isAgreed,
  isUsualMinutes,
  USUAL_MIN_MINUTES,
  type PersonTerms,
} from '../../shared/agreement/rules.js';

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
const A = 'device-a';
const B = 'device-b';

function people(over: Partial<Record<'a' | 'b', Partial<PersonTerms>>> = {}): PersonTerms[] {
  return [
    { deviceId: A, minutes: 20, signal: 'sealed-a', acceptedTerms: null, ...over.a },
    { deviceId: B, minutes: 30, signal: 'sealed-b', acceptedTerms: null, ...over.b },
  ];
}

/** Applies an accepted outcome the way the store would. */
function accept(
  ps: PersonTerms[],
  deviceId: string,
  change: { minutes?: number; signal?: string } = {},
): PersonTerms[] {
  const seen = agreementView(ps, digest).terms;
  const out = acceptAgreement(ps, { deviceId, seen, ...change }, digest);
  if (!out.ok) throw new Error(out.code);
  return ps.map((p) =>
    p.deviceId === deviceId ? { ...p, minutes: out.minutes, signal: out.signal, acceptedTerms: out.acceptedTerms } : p,
  );
}

describe('the time-out agreement', () => {
  it('is agreed only once both have accepted the same terms', () => {
    let ps = people();
    expect(agreementStatus(agreementView(ps, digest), A, B)).toBe('needs-both');
    ps = accept(ps, A);
    const view = agreementView(ps, digest);
    expect(view.accepted).toEqual([A]);
    expect(agreementStatus(view, A, B)).toBe('needs-partner');
    expect(agreementStatus(view, B, A)).toBe('needs-me');
    expect(isAgreed(view, [A, B])).toBe(false);
    ps = accept(ps, B);
    expect(isAgreed(agreementView(ps, digest), [A, B])).toBe(true);
    expect(agreementStatus(agreementView(ps, digest), A, B)).toBe('agreed');
  });

  it('a change by either re-asks the other, and counts as the changer’s own acceptance', () => {
    let ps = accept(accept(people(), A), B);
    ps = accept(ps, B, { signal: 'sealed-b-2' });
    expect(agreementView(ps, digest).accepted).toEqual([B]);
    ps = accept(ps, A);
    ps = accept(ps, A, { minutes: 45 });
    expect(agreementView(ps, digest).accepted).toEqual([A]);
    expect(ps[0]!.minutes).toBe(45);
    expect(ps[0]!.signal).toBe('sealed-a');
  });

  it('a change made elsewhere (e.g. in the settings) leaves nobody accepted', () => {
    const ps = accept(accept(people(), A), B);
    const moved = ps.map((p) => (p.deviceId === B ? { ...p, minutes: 60 } : p));
    expect(agreementView(moved, digest).accepted).toEqual([]);
  });

  it('refuses an acceptance of terms that changed since the person looked', () => {
    const ps = people();
    const seen = agreementView(ps, digest).terms;
    const changed = accept(ps, B, { minutes: 40 });
    const out = acceptAgreement(changed, { deviceId: A, seen }, digest);
    expect(out).toMatchObject({ ok: false, code: 'agreement_changed' });
  });

  it('keeps the usual break at least 20 minutes (the time the body needs to settle) and at most a day', () => {
    expect(USUAL_MIN_MINUTES).toBeGreaterThanOrEqual(20);
    expect(isUsualMinutes(19)).toBe(false);
    expect(isUsualMinutes(10)).toBe(false);
    expect(isUsualMinutes(20)).toBe(true);
    expect(isUsualMinutes(24 * 60)).toBe(true);
    expect(isUsualMinutes(24 * 60 + 1)).toBe(false);
    expect(isUsualMinutes(25.5)).toBe(false);
    const ps = people();
    const seen = agreementView(ps, digest).terms;
    expect(acceptAgreement(ps, { deviceId: A, seen, minutes: 19 }, digest)).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });

  it('needs two people, and says nothing changed when the same person accepts the same terms again', () => {
    const alone = people().slice(0, 1);
    expect(acceptAgreement(alone, { deviceId: A, seen: agreementView(alone, digest).terms }, digest)).toMatchObject({
      ok: false,
      code: 'partner_missing',
    });
    expect(agreementStatus(agreementView(alone, digest), A, undefined)).toBe('no-partner');
    const ps = accept(people(), A);
    const again = acceptAgreement(ps, { deviceId: A, seen: agreementView(ps, digest).terms }, digest);
    expect(again).toMatchObject({ ok: true, changed: false });
  });
});
