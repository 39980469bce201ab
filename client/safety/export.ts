import type { CoupleSnapshot } from '../../shared/contracts/snapshot';
import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance';
import { BREAK_KEY_PREFIX } from '../break/keys';
import { openText, REASSURANCE_MESSAGE_ID } from '../crypto';
import { decodeHeld } from '../held/payload';
import { loadHistory } from '../history/store';
import { KEYS, read } from '../lib/storage';
import {
  anyValue,
  deviceIdSchema,
  heldDraftSchema,
  heldMineSchema,
  heldOutboxSchema,
  snapshotSchema,
} from '../lib/stored';
import { DRAFT_PREFIX } from '../conversation/drafts';

/**
 * "Export my data": one JSON file of what this person wrote and chose, as stored on this phone.
 * Never the partner's words: received held messages are left out, and from the shared history only the
 * lines this person wrote are kept. Each source is a function here; a feature that stores something new
 * of the person's own registers it with `registerExportSource`.
 */

/** May return a promise; the export awaits whatever it returns. */
export type ExportSource = () => unknown;

const extraSources = new Map<string, ExportSource>();

/** Adds a section to the export. Return only the person's own entries, never the partner's. */
export function registerExportSource(name: string, source: ExportSource): void {
  extraSources.set(name, source);
}

function keysWithPrefix(prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // No storage, nothing stored.
  }
  return keys.sort();
}

interface Me {
  deviceId: string;
  name: string;
  snapshot: CoupleSnapshot;
}

function whoAmI(): Me | null {
  const deviceId = read(KEYS.deviceId, deviceIdSchema);
  const snapshot = read(KEYS.snapshot, snapshotSchema);
  const me = snapshot?.devices.find((d) => d.id === deviceId);
  return deviceId && snapshot && me ? { deviceId, name: me.name, snapshot } : null;
}

async function opened(payload: string, messageId: string, senderId: string): Promise<string | null> {
  try {
    return await openText(payload, { messageId, senderId });
  } catch {
    // Not readable on this phone (no couple key any more): left out rather than exported as ciphertext.
    return null;
  }
}

async function mySettings(me: Me | null) {
  const device = me?.snapshot.devices.find((d) => d.id === me.deviceId);
  if (!me || !device) return null;
  const reassurance =
    device.reassurance === DEFAULT_REASSURANCE
      ? device.reassurance
      : await opened(device.reassurance, REASSURANCE_MESSAGE_ID, me.deviceId);
  return {
    name: device.name,
    linkedAt: new Date(device.linkedAt).toISOString(),
    usualBreakMinutes: device.defaultMinutes,
    reassurance,
    tendsToGoQuiet: device.tendsToWithdraw,
  };
}

function breakJournals() {
  return keysWithPrefix(`${BREAK_KEY_PREFIX}journal.`).map((key) => read(key, anyValue));
}

async function heldMessagesIWrote(me: Me | null) {
  const sent = read(KEYS.heldMine, heldMineSchema) ?? [];
  const out: Array<{ id: string; createdAt: string; text: string | null; sent: boolean }> = [];
  for (const m of sent) {
    const text = me ? await opened(m.payload, m.id, me.deviceId) : null;
    out.push({
      id: m.id,
      createdAt: new Date(m.createdAt).toISOString(),
      text: text === null ? null : decodeHeld(text),
      sent: typeof m.sentAt === 'number',
    });
  }
  // Written on this phone and not yet on the server: plain text, still only mine.
  const outbox = read(KEYS.heldOutbox, heldOutboxSchema) ?? [];
  for (const item of outbox) {
    if ((item.op !== 'save' && item.op !== 'send') || typeof item.text !== 'string') continue;
    out.push({ id: item.messageId, createdAt: new Date(item.createdAt).toISOString(), text: item.text, sent: false });
  }
  const draft = read(KEYS.heldDraft, heldDraftSchema);
  return { messages: out, draft: draft?.text || null };
}

function conversationDrafts() {
  return Object.fromEntries(
    keysWithPrefix(DRAFT_PREFIX).map((key) => [key.slice(DRAFT_PREFIX.length), read(key, anyValue)]),
  );
}

/**
 * The history is shared (both phones keep the same summary, by name), so each entry keeps its times,
 * this person's ratings and only the summary lines they wrote. With two identical names no line can
 * be told apart, so none is kept.
 */
function history(me: Me | null) {
  const entries = loadHistory();
  if (!Array.isArray(entries)) return [];
  const partnerName = me?.snapshot.devices.find((d) => d.id !== me.deviceId)?.name;
  const myName = me && me.name !== partnerName ? me.name : null;
  return entries.map((e) => ({
    startedAt: new Date(e.startedAt).toISOString(),
    endedAt: new Date(e.endedAt).toISOString(),
    activationBefore: e.before,
    activationAfter: e.after,
    reachedSummary: e.reachedSummary,
    whatIHeard: myName
      ? (e.summary?.heard ?? [])
          .filter((h) => h.listener === myName)
          .map((h) => ({ paraphrase: h.paraphrase, validation: h.validation }))
      : [],
    myPlan: myName
      ? (e.summary?.plans ?? [])
          .filter((p) => p.name === myName)
          .map((p) => ({ regret: p.regret, sorry: p.sorry, willDo: p.willDo, asked: p.asked }))
      : [],
    myAnswers: myName
      ? (e.summary?.plans ?? [])
          .filter((p) => p.answer?.by === myName)
          .map((p) => ({ status: p.answer!.status, adjustment: p.answer!.adjustment }))
      : [],
  }));
}

export interface ExportFile {
  app: 'Breather';
  kind: 'personal-export';
  version: 1;
  exportedAt: string;
  note: string;
  [section: string]: unknown;
}

export async function collectExport(): Promise<ExportFile> {
  const me = whoAmI();
  const file: ExportFile = {
    app: 'Breather',
    kind: 'personal-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    note: 'What you wrote and chose in Breather, as stored on this phone. Nothing your partner wrote is included.',
    settings: await mySettings(me),
    breakJournals: breakJournals(),
    breathing: read(`${BREAK_KEY_PREFIX}prefs`, anyValue),
    heldMessagesIWrote: await heldMessagesIWrote(me),
    reconnectDrafts: conversationDrafts(),
    history: history(me),
  };
  for (const [name, source] of extraSources) {
    try {
      file[name] = await source();
    } catch {
      file[name] = null;
    }
  }
  return file;
}

/** Saves the export through the browser's download, without any request: a Blob and a download link. */
export async function downloadExport(): Promise<void> {
  const data = await collectExport();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `breather-export-${data.exportedAt.slice(0, 10)}.json`;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the download to start; then the copy in memory goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
