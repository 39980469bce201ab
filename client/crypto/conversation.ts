import type { CoupleSnapshot } from '../../shared/contracts/snapshot';
import { ENVELOPE_PATTERN } from '../../shared/crypto/aead';
import { useCoupleStore } from '../stores/couple';
import { peekText, sealText, conversationMessageId, type Opened } from './index';

/**
 * End-to-end encryption for the reconnect conversation. Every free-text field of a conversation command
 * (card, paraphrase, validation, the four repair parts, an adjusted request) is sealed right before
 * it is sent, with additional data {coupleId, senderId: this phone, messageId: `talk.<conversation id>`};
 * lib/payload.ts opens them. A payload sealed for another conversation, another couple, or passed off
 * as written by the other person does not open.
 */
export type ConversationOpenState = Opened['state'];

export const CONVERSATION_TEXT_FIELDS = ['payload', 'regret', 'sorry', 'willDo', 'wouldLike', 'adjustment'] as const;

let lastConversationId: string | null = null;

function conversationId(snapshot: CoupleSnapshot | null): string | null {
  const id = snapshot?.conversation?.id ?? null;
  if (id) lastConversationId = id;
  return id ?? lastConversationId;
}

/** The body with each free-text field sealed. Throws NotReadyError without a couple key or a conversation. */
export async function sealConversationBody<B extends object>(body: B): Promise<B> {
  const id = conversationId(useCoupleStore().snapshot);
  if (!id) throw new Error('no conversation');
  const out = { ...body } as Record<string, unknown>;
  for (const field of CONVERSATION_TEXT_FIELDS) {
    const value = out[field];
    if (typeof value === 'string') out[field] = await sealText(value, { messageId: conversationMessageId(id) });
  }
  return out as unknown as B;
}

export function isSealed(payload: string): boolean {
  return ENVELOPE_PATTERN.test(payload);
}

/** Opens a conversation payload (reactively): written by either phone of this couple, in this conversation. */
export function openConversationText(payload: string): Opened {
  const couple = useCoupleStore();
  const id = conversationId(couple.snapshot);
  if (!id || !isSealed(payload)) return { state: 'failed' };
  const senderIds = couple.snapshot?.devices.map((d) => d.id) ?? [];
  return peekText(payload, { messageId: conversationMessageId(id), senderIds });
}
