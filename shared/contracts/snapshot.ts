import type { AgreementView } from '../agreement/rules.js';
import type { ConversationState } from '../conversation/conversation.js';

/** What the server tells both phones about their couple. Viewer-independent: each phone knows its own device id. */
export interface DeviceView {
  id: string;
  name: string;
  linkedAt: number;
  defaultMinutes: number;
  /** Sealed (end-to-end encrypted) by its phone, or the app's DEFAULT_REASSURANCE until the person sets their own. */
  reassurance: string;
  /** The person tends to go quiet in a fight; they are offered the first turn to speak (reconnect). */
  tendsToWithdraw: boolean | null;
  /**
   * The phone's ECDH P-256 public key (raw point, base64url) for end-to-end encryption; null until the
   * phone has published it. Both phones derive the couple key and the safety code from the two keys.
   */
  publicKey: string | null;
}

export interface PauserView {
  deviceId: string;
  startedAt: number;
  endsAt: number;
  reassurance: string;
  /** The latest time added to this break, so the partner's phone can say who added how much (never silently). */
  extended?: { at: number; addedMs: number };
  /** Set when this person ended their break before its time with "I'm calm now": the partner sees why it ended. */
  endedEarlyAt?: number;
}

export interface PauseView {
  id: string;
  startedAt: number;
  /** The shared deadline: the latest of the pausers' own deadlines. */
  endsAt: number;
  pausers: PauserView[];
  /** Devices that said "I'm ready" once the time was up. */
  ready: string[];
  /**
   * Devices whose phone has put their partner's pause message on screen (pause:shown), so the pauser
   * knows it arrived. Only this; no times, nothing else is acknowledged.
   */
  shownBy?: string[];
}

/** "Back to normal without talking", answered with a time to talk later: both phones show it and remind. */
export interface TalkLater {
  at: number;
  /** Who picked the time. */
  setBy: string;
}

export type CouplePhase = 'calm' | 'paused' | 'reconnect';

export interface CoupleSnapshot {
  coupleId: string;
  seq: number;
  phase: CouplePhase;
  devices: DeviceView[];
  pause: PauseView | null;
  /** The reconnect conversation while phase is 'reconnect' (or a new break interrupted it); null otherwise. */
  conversation: ConversationState | null;
  /**
   * The time-out agreement: the digest of the current terms (both devices' `defaultMinutes` and
   * `reassurance`, and the promises) and the devices that accepted exactly those terms.
   */
  agreement: AgreementView;
  /** A talk the couple put off to a set time; kept until the next break starts. */
  talkLater: TalkLater | null;
  /** Server time when the snapshot was made; clients still use the ping offset for countdowns. */
  serverNow: number;
}
