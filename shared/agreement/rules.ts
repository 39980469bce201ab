import type { Refusal } from '../contracts/errors.js';
import { MAX_TOTAL_MINUTES, MIN_BREAK_MINUTES, SETTLE_MINUTES } from '../pause/limits.js';

/**
 * The time-out agreement, made together while calm (see ../../README.md, "The agreement"):
 * each person's signal message (the words the partner sees when they pause, sealed end to end) and
 * usual break length, plus the promises both make. Both accept the same terms; a change by either
 * re-asks the other. It never blocks a pause: it only changes what the calm home screen suggests.
 *
 * What each person accepted is remembered as a digest of the whole terms, so "accepted" always
 * means "accepted exactly what is there now": any change, by either, leaves the earlier acceptances
 * pointing at terms that no longer exist. Pure: the caller supplies the digest function.
 */

/** The promises both make; their words are the app's (client/content). A new promise re-asks both. */
export const PROMISES = ['either-can-pause', 'no-pursuit', 'pauser-returns'] as const;
export type PromiseId = (typeof PROMISES)[number];

/** A usual break gives the body time to settle; never shorter than any break the app offers. */
export const USUAL_MIN_MINUTES = Math.max(MIN_BREAK_MINUTES, SETTLE_MINUTES);
export const USUAL_MAX_MINUTES = MAX_TOTAL_MINUTES;

/** One person's part: their usual break length and their signal message (ciphertext, or the app's default words). */
export interface PersonTerms {
  deviceId: string;
  minutes: number;
  signal: string;
  /** The digest of the terms this person last accepted; null before the first time. */
  acceptedTerms: string | null;
}

/** What both phones see: the current terms' digest, and who accepted exactly these terms. */
export interface AgreementView {
  terms: string;
  accepted: string[];
}

export type Digest = (text: string) => string;

export function isUsualMinutes(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= USUAL_MIN_MINUTES && minutes <= USUAL_MAX_MINUTES;
}

/** The canonical text of the terms, in the couple's stable device order; what the digest is taken of. */
export function termsText(people: readonly PersonTerms[]): string {
  return JSON.stringify({ promises: PROMISES, people: people.map((p) => [p.deviceId, p.minutes, p.signal]) });
}

export function agreementView(people: readonly PersonTerms[], digest: Digest): AgreementView {
  const terms = digest(termsText(people));
  return { terms, accepted: people.filter((p) => p.acceptedTerms === terms).map((p) => p.deviceId) };
}

/** Agreed once two people have each accepted exactly the current terms. */
export function isAgreed(view: AgreementView | null | undefined, deviceIds: readonly string[]): boolean {
  return !!view && deviceIds.length === 2 && deviceIds.every((id) => view.accepted.includes(id));
}

/** What is missing, as the home screen explains it. */
export type AgreementStatus = 'agreed' | 'needs-both' | 'needs-me' | 'needs-partner' | 'no-partner';

export function agreementStatus(
  view: AgreementView | null | undefined,
  me: string,
  partner: string | undefined,
): AgreementStatus {
  if (!partner) return 'no-partner';
  const mine = !!view?.accepted.includes(me);
  const theirs = !!view?.accepted.includes(partner);
  if (mine && theirs) return 'agreed';
  if (mine) return 'needs-partner';
  return theirs ? 'needs-me' : 'needs-both';
}

export interface AcceptCommand {
  deviceId: string;
  /** The terms digest the person was looking at when they tapped "We agree". */
  seen: string;
  /** A change to their own part, accepted along with the rest. */
  minutes?: number;
  signal?: string;
}

export type AcceptOutcome =
  { ok: true; changed: boolean; minutes: number; signal: string; acceptedTerms: string } | ({ ok: false } & Refusal);

/**
 * "We agree", optionally with a change to one's own part. Refused when the terms moved on since the
 * person looked (their partner changed something): they must see what they accept. Accepting a
 * change of one's own makes new terms, which the partner has not accepted: they are asked again.
 */
export function acceptAgreement(people: readonly PersonTerms[], cmd: AcceptCommand, digest: Digest): AcceptOutcome {
  const me = people.find((p) => p.deviceId === cmd.deviceId);
  if (!me || people.length !== 2) {
    return { ok: false, code: 'partner_missing' };
  }
  if (cmd.minutes !== undefined && !isUsualMinutes(cmd.minutes)) {
    return { ok: false, code: 'bad_request', params: { minMinutes: USUAL_MIN_MINUTES, maxMinutes: USUAL_MAX_MINUTES } };
  }
  if (digest(termsText(people)) !== cmd.seen) {
    return { ok: false, code: 'agreement_changed' };
  }
  const minutes = cmd.minutes ?? me.minutes;
  const signal = cmd.signal ?? me.signal;
  const next = people.map((p) => (p.deviceId === me.deviceId ? { ...p, minutes, signal } : p));
  const acceptedTerms = digest(termsText(next));
  const changed = minutes !== me.minutes || signal !== me.signal || acceptedTerms !== me.acceptedTerms;
  return { ok: true, changed, minutes, signal, acceptedTerms };
}
