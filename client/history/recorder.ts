import { watch } from 'vue';
import { read, save } from '../lib/storage';
import { pendingHistorySchema, type PendingHistory as Pending } from '../lib/stored';
import { clearDrafts } from '../conversation/drafts';
import { summaryText } from '../conversation/summary';
import { useConnectionStore } from '../stores/connection';
import { useCoupleStore } from '../stores/couple';
import { journalRatings, PENDING_KEY, putEntry } from './store';

/**
 * Writes the history entry when the couple goes back to normal. Each snapshot with a conversation is
 * kept as "pending" on this phone; the first calm snapshot after it (live, or after a reload or a
 * dropped connection) turns it into an entry. Only the calm phase (after "Back to normal") does: a new
 * break in the middle keeps the conversation, and so keeps it pending.
 */
export function startHistoryRecorder(): void {
  const couple = useCoupleStore();
  const conn = useConnectionStore();
  watch(
    () => couple.snapshot,
    (s) => {
      if (!s || !couple.deviceId) return;
      const pending = read(PENDING_KEY, pendingHistorySchema);
      if (s.conversation) {
        const sameConversation = pending?.conversation.id === s.conversation.id;
        const breakStartedAt =
          s.pause?.id === s.conversation.id
            ? s.pause.startedAt
            : sameConversation
              ? pending.breakStartedAt
              : s.conversation.startedAt;
        const next: Pending = {
          me: couple.deviceId,
          conversation: s.conversation,
          devices: s.devices.map((d) => ({ id: d.id, name: d.name })),
          breakStartedAt,
        };
        save(PENDING_KEY, next);
      } else if (s.phase === 'calm' && pending) {
        record(pending, s.serverNow ?? Date.now() + conn.offsetMs);
        save(PENDING_KEY, null);
      }
    },
    { immediate: true },
  );
}

function record(p: Pending, endedAt: number): void {
  const c = p.conversation;
  const journal = journalRatings(c.id);
  const closing = c.closing[p.me];
  const checkin = c.checkin[p.me];
  putEntry({
    id: c.id,
    startedAt: p.breakStartedAt,
    talkStartedAt: c.startedAt,
    endedAt,
    before: journal.before ?? (typeof checkin === 'number' ? checkin : null),
    after: typeof closing === 'number' ? closing : journal.after,
    reachedSummary: c.step === 'summary',
    summary: summaryText(c, p.devices),
  });
  clearDrafts(c.id);
}
