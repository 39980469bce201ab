import { read, save } from '../lib/storage';
import { anyValue, textDraftSchema } from '../lib/stored';
import { emptyCard, readCard, type PrepCard } from './card';

/**
 * Private drafts of the reconnect conversation, on this phone only, keyed by conversation id so a
 * reload (or a new break in the middle) finds them again. Nothing here touches the network.
 * Every key starts with `breather.` so a "delete all my data" sweep finds them; the prefix stays
 * `breather.talk.` so drafts saved before an update are still found after it.
 */
export const DRAFT_PREFIX = 'breather.talk.';
const cardKey = (conversationId: string) => `${DRAFT_PREFIX}card.${conversationId}`;
const textKey = (conversationId: string, field: string) => `${DRAFT_PREFIX}text.${conversationId}.${field}`;

export function loadCardDraft(conversationId: string): PrepCard {
  return readCard(read(cardKey(conversationId), anyValue)) ?? emptyCard();
}

export function saveCardDraft(conversationId: string, card: PrepCard): void {
  save(cardKey(conversationId), card);
}

/** A short free-text draft (a paraphrase, a repair field) that should survive a reload. */
export function loadTextDraft(conversationId: string, field: string): string {
  return read(textKey(conversationId, field), textDraftSchema) ?? '';
}

export function saveTextDraft(conversationId: string, field: string, text: string): void {
  save(textKey(conversationId, field), text ? text : null);
}

/** Once the couple is back to normal, the drafts of that conversation go. */
export function clearDrafts(conversationId: string): void {
  try {
    const doomed: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(DRAFT_PREFIX) && key.includes(`.${conversationId}`)) doomed.push(key);
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // Storage that refuses access holds nothing to delete.
  }
}
