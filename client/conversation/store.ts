import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClientPayload } from '../../shared/contracts/events';
import { allowedConversationMoves, conversationSummary, suggestFirstSpeaker } from '../../shared/conversation/machine';
import { errorText } from '../content/errors';
import { newCommandId } from '../lib/command-id';
import { e2eCopy } from '../content/e2e';
import { sealConversationBody } from '../crypto/conversation';
import { decodeText, encodeText } from '../lib/payload';
import { useConnectionStore } from '../stores/connection';
import { useCoupleStore } from '../stores/couple';
import { decodeCard, encodeCard, type PrepCard } from './card';

type ConversationEvent =
  | 'conversation:close-answer'
  | 'conversation:rate'
  | 'conversation:continue'
  | 'conversation:share'
  | 'conversation:floor'
  | 'conversation:paraphrase'
  | 'conversation:confirm'
  | 'conversation:validate'
  | 'conversation:repair'
  | 'conversation:respond';
type Body<E extends ConversationEvent> = Omit<ClientPayload<E>, 'commandId' | 'seq'>;

/** Two people act at once (both share, both rate): a command sent against a seq that just moved is sent again. */
const STALE_RETRIES = 3;

export interface RepairTexts {
  regret?: string;
  sorry?: string;
  willDo?: string;
  wouldLike?: string;
}

/**
 * The reconnect conversation as this phone sees it: the server's shared state from the couple
 * snapshot, the commands that move it, and the decoded personal text. Every payload is encoded by
 * lib/payload (via card.ts) and sealed on this phone before it is sent (crypto/conversation.ts).
 */
export const useConversationStore = defineStore('conversation', () => {
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  const busy = ref(false);
  const note = ref<string | null>(null);

  const state = computed(() => couple.snapshot?.conversation ?? null);
  const step = computed(() => state.value?.step ?? null);
  const me = computed(() => couple.deviceId ?? '');
  const partnerId = computed(() => couple.partner?.id ?? '');
  const partnerName = computed(() => couple.partner?.name ?? '');
  const deviceIds = computed(() => couple.snapshot?.devices.map((d) => d.id) ?? []);
  /** What this phone may do in the conversation now, as the machine decides it. */
  const allowed = computed(() =>
    couple.snapshot && couple.deviceId
      ? allowedConversationMoves(couple.snapshot, {
          deviceId: couple.deviceId,
          devices: couple.snapshot.devices,
          now: conn.serverNow,
        })
      : new Set<never>(),
  );

  function nameOf(id: string): string {
    return couple.snapshot?.devices.find((d) => d.id === id)?.name ?? '';
  }

  const myCard = computed<PrepCard | null>(() => decodeCard(state.value?.cards[me.value]?.payload));
  const partnerCard = computed<PrepCard | null>(() => decodeCard(state.value?.cards[partnerId.value]?.payload));
  const iShared = computed(() => !!state.value && Object.hasOwn(state.value.cards, me.value));
  const partnerShared = computed(() => !!state.value && Object.hasOwn(state.value.cards, partnerId.value));
  const suggested = computed(() => {
    const c = state.value;
    const devices = couple.snapshot?.devices ?? [];
    return c ? suggestFirstSpeaker(devices, c.pausedFirst) : null;
  });
  /** True when the suggestion comes from the onboarding question (exactly one said they go quiet). */
  const suggestedByWithdrawing = computed(
    () => (couple.snapshot?.devices ?? []).filter((d) => d.tendsToWithdraw === true).length === 1,
  );
  const summary = computed(() => (state.value ? conversationSummary(state.value, deviceIds.value) : null));

  async function send<E extends ConversationEvent>(event: E, body: Body<E>): Promise<boolean> {
    note.value = null;
    busy.value = true;
    const commandId = newCommandId();
    try {
      // End-to-end encryption: every free-text field is sealed on this phone (client/crypto/conversation.ts).
      let sealed: Body<E>;
      try {
        sealed = await sealConversationBody(body);
      } catch {
        note.value = e2eCopy.notReady;
        return false;
      }
      for (let attempt = 0; ; attempt++) {
        const seq = couple.snapshot?.seq;
        if (seq === undefined) return false;
        const payload = { ...sealed, commandId, seq } as unknown as ClientPayload<E>;
        const res = await conn.call(event, payload);
        if ('data' in res) {
          couple.applySnapshot(res.data);
          return true;
        }
        if (res.error.code === 'stale_seq' && attempt < STALE_RETRIES) {
          await couple.refresh();
          continue;
        }
        note.value = errorText(res.error);
        if (res.error.code !== 'offline' && res.error.code !== 'timeout') void couple.refresh();
        return false;
      }
    } finally {
      busy.value = false;
    }
  }

  /** pause:close carries no text; it goes through the same seq handling as the conversation moves. */
  async function closeRequest(): Promise<boolean> {
    note.value = null;
    busy.value = true;
    try {
      for (let attempt = 0; ; attempt++) {
        const seq = couple.snapshot?.seq;
        if (seq === undefined) return false;
        const res = await conn.call('pause:close', { commandId: newCommandId(), seq });
        if ('data' in res) {
          couple.applySnapshot(res.data);
          return true;
        }
        if (res.error.code === 'stale_seq' && attempt < STALE_RETRIES) {
          await couple.refresh();
          continue;
        }
        note.value = errorText(res.error);
        return false;
      }
    } finally {
      busy.value = false;
    }
  }

  const opt = (text: string | undefined) => (text && text.trim() ? encodeText(text.trim()) : undefined);

  return {
    busy,
    note,
    state,
    step,
    me,
    partnerId,
    partnerName,
    deviceIds,
    allowed,
    nameOf,
    myCard,
    partnerCard,
    iShared,
    partnerShared,
    suggested,
    suggestedByWithdrawing,
    summary,
    text: (payload: string | null | undefined) => decodeText(payload),
    rate: (rating: number) => send('conversation:rate', { rating }),
    goAhead: () => send('conversation:continue', {}),
    share: (card: PrepCard) => send('conversation:share', { payload: encodeCard(card) }),
    handOver: () => send('conversation:floor', {}),
    paraphrase: (text: string) => send('conversation:paraphrase', { payload: encodeText(text.trim()) }),
    confirm: (yes: boolean) => send('conversation:confirm', { yes }),
    validate: (text?: string) =>
      send('conversation:validate', text && text.trim() ? { payload: encodeText(text.trim()) } : {}),
    repair: (t: RepairTexts) =>
      send('conversation:repair', {
        ...(opt(t.regret) ? { regret: opt(t.regret) } : {}),
        ...(opt(t.sorry) ? { sorry: opt(t.sorry) } : {}),
        ...(opt(t.willDo) ? { willDo: opt(t.willDo) } : {}),
        ...(opt(t.wouldLike) ? { wouldLike: opt(t.wouldLike) } : {}),
      }),
    /** "Back to normal" at the summary (both tap it), or "without talking" before it (a request). */
    close: () => closeRequest(),
    /** The answer to "without talking": yes, a time to talk later (server time), or not now (also: take it back). */
    answerClose: (answer: 'accept' | 'decline' | 'later', at?: number) =>
      send(
        'conversation:close-answer',
        (answer === 'later' ? { answer, at: Math.round(at!) } : { answer }) as Body<'conversation:close-answer'>,
      ),
    respond: (status: 'accepted' | 'declined' | 'adjusted', adjustment?: string) =>
      send(
        'conversation:respond',
        (status === 'adjusted'
          ? { status, adjustment: encodeText((adjustment ?? '').trim()) }
          : { status }) as Body<'conversation:respond'>,
      ),
  };
});
