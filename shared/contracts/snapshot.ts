import type { ConversationState } from '../reconnect/conversation.js';

/** What the server tells both phones about their couple. Viewer-independent: each phone knows its own device id. */
export interface DeviceView {
  id: string;
  name: string;
  linkedAt: number;
  defaultMinutes: number;
  reassurance: string;
  /** The person tends to go quiet in a fight; they are offered the first turn to speak (reconnect). */
  tendsToWithdraw: boolean | null;
}

export interface PauserView {
  deviceId: string;
  startedAt: number;
  endsAt: number;
  reassurance: string;
}

export interface PauseView {
  id: string;
  startedAt: number;
  /** The shared deadline: the latest of the pausers' own deadlines. */
  endsAt: number;
  pausers: PauserView[];
  /** Devices that said "I'm ready" once the time was up. */
  ready: string[];
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
  /** Server time when the snapshot was made; clients still use the ping offset for countdowns. */
  serverNow: number;
}
