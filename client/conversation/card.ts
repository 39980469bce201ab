import { NEED_IDS, type NeedId } from '../../shared/break/needs';
import { DID_ITEMS, type DidId } from '../content/conversation';
import { decodeData, encodeData } from '../lib/payload';

/** One person's preparation: private until shared, then the card the listener reads. */
export interface PrepCard {
  feelings: string[];
  feltText: string;
  did: DidId[];
  didText: string;
  needs: NeedId[];
  needText: string;
  request: string;
}

export const MAX_NEEDS = 3;
/** Per free-text field; the whole card stays far under the 16 KB payload limit. */
export const CARD_TEXT_MAX = 1000;
const CARD_KIND = 'card';

export function emptyCard(): PrepCard {
  return { feelings: [], feltText: '', did: [], didText: '', needs: [], needText: '', request: '' };
}

export function cardIsEmpty(c: PrepCard): boolean {
  return (
    c.feelings.length + c.did.length + c.needs.length === 0 &&
    !c.feltText.trim() &&
    !c.didText.trim() &&
    !c.needText.trim() &&
    !c.request.trim()
  );
}

const DID_SET = new Set<string>(DID_ITEMS.map((d) => d.id));
const NEED_SET = new Set<string>(NEED_IDS);

function str(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, CARD_TEXT_MAX) : '';
}
function list<T extends string>(v: unknown, allowed?: Set<string>, max = 30): T[] {
  if (!Array.isArray(v)) return [];
  const out = v.filter((x): x is T => typeof x === 'string' && x.length <= 60 && (!allowed || allowed.has(x)));
  return [...new Set(out)].slice(0, max);
}

/** Anything stored or received is read field by field; unknown ids are dropped, never trusted. */
export function readCard(data: unknown): PrepCard | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  return {
    feelings: list<string>(d.feelings),
    feltText: str(d.feltText),
    did: list<DidId>(d.did, DID_SET),
    didText: str(d.didText),
    needs: list<NeedId>(d.needs, NEED_SET, MAX_NEEDS),
    needText: str(d.needText),
    request: str(d.request),
  };
}

export function encodeCard(card: PrepCard): string {
  return encodeData(CARD_KIND, card);
}

export function decodeCard(payload: string | null | undefined): PrepCard | null {
  return decodeData(CARD_KIND, payload, readCard);
}
