import { isActivation } from '../../shared/break/ratings';
import { journalKey } from '../break/keys';
import { read, save } from '../lib/storage';
import { anyValue, journalRatingsSchema } from '../lib/stored';
import type { SummaryText } from '../conversation/summary';

/**
 * Past pauses and reconnects, kept on this phone only (never sent anywhere). One entry per pause
 * that ended with "Back to normal". A person can delete any entry.
 */
export const HISTORY_KEY = 'breather.history';
/** The latest conversation seen, so it can be written down once the couple is back to normal (even after a reload). */
export const PENDING_KEY = 'breather.history.pending';
/** Enough for years of use; the oldest go first. */
const MAX_ENTRIES = 200;

export interface HistoryEntry {
  /** The pause id (also the conversation id). */
  id: string;
  /** When the break started (server time). */
  startedAt: number;
  /** When both were ready and the conversation began. */
  talkStartedAt: number | null;
  /** When they went back to normal. */
  endedAt: number;
  /** Activation at the start of the break (break journal), else at the reconnect check-in. */
  before: number | null;
  /** Activation at the end: the last rating of the conversation, else the one when the time was up. */
  after: number | null;
  reachedSummary: boolean;
  summary: SummaryText;
}

function isEntry(e: unknown): e is HistoryEntry {
  return !!e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string';
}

export function loadHistory(): HistoryEntry[] {
  const raw = read(HISTORY_KEY, anyValue);
  return Array.isArray(raw) ? raw.filter(isEntry) : [];
}

function store(entries: HistoryEntry[]): void {
  save(HISTORY_KEY, entries.length ? entries.slice(-MAX_ENTRIES) : null);
}

/** Adds or replaces the entry with this id, kept in time order. */
export function putEntry(entry: HistoryEntry): void {
  const rest = loadHistory().filter((e) => e.id !== entry.id);
  store([...rest, entry].sort((a, b) => a.startedAt - b.startedAt));
}

export function deleteEntry(id: string): HistoryEntry[] {
  const next = loadHistory().filter((e) => e.id !== id);
  store(next);
  return next;
}

/** The break companion's 0–10 ratings for a pause, read straight from its journal. */
export function journalRatings(pauseId: string): { before: number | null; after: number | null } {
  const j = read(journalKey(pauseId), journalRatingsSchema);
  const pick = (v: unknown) => (isActivation(v) ? v : null);
  return { before: pick(j?.ratings?.before?.value), after: pick(j?.ratings?.after?.value) };
}
