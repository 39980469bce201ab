import type { DeviceView } from '../../shared/contracts/snapshot';
import type { ConversationState, RequestStatus } from '../../shared/conversation/conversation';
import { decodeText } from '../lib/payload';

/**
 * The close-of-conversation summary as plain, decoded text, derived the same way on both phones
 * (names, never "you"), so both show it identically. The history keeps a copy of it.
 */
export interface HeardLine {
  speaker: string;
  listener: string;
  paraphrase: string;
  validation: string | null;
}

export interface PlanLine {
  name: string;
  regret: string | null;
  sorry: string | null;
  willDo: string | null;
  asked: string | null;
  answer: { by: string; status: RequestStatus; adjustment: string | null } | null;
}

export interface SummaryText {
  heard: HeardLine[];
  plans: PlanLine[];
}

const UNREADABLE = '…';

export function summaryText(c: ConversationState, devices: readonly Pick<DeviceView, 'id' | 'name'>[]): SummaryText {
  const name = (id: string) => devices.find((d) => d.id === id)?.name ?? '';
  const other = (id: string) => devices.find((d) => d.id !== id)?.id ?? '';
  const text = (p: string | null) => (p === null ? null : (decodeText(p) ?? UNREADABLE));
  const heard = c.heard.map((h) => ({
    speaker: name(h.speaker),
    listener: name(other(h.speaker)),
    paraphrase: text(h.paraphrase) ?? '',
    validation: text(h.validation),
  }));
  const plans = devices.flatMap((d) => {
    const entry = c.repair[d.id];
    if (!entry) return [];
    const answerer = other(d.id);
    const response = entry.wouldLike !== null ? (c.responses[answerer] ?? null) : null;
    return [
      {
        name: d.name,
        regret: text(entry.regret),
        sorry: text(entry.sorry),
        willDo: text(entry.willDo),
        asked: text(entry.wouldLike),
        answer: response
          ? { by: name(answerer), status: response.status, adjustment: text(response.adjustment) }
          : null,
      },
    ];
  });
  return { heard, plans };
}
