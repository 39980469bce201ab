import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance';
import { peekText, REASSURANCE_MESSAGE_ID, sealText, type Opened } from './index';

/**
 * The reassurance ("I'm flooded and need a break… I'll be back at {time}") is personal text: each
 * phone seals its own with the couple key before it goes to the server, and the partner's phone opens
 * it when a break starts. The server's untouched default is the app's own words, readable as they are.
 *
 * Names stay plaintext on purpose: "Linked with Sam" has to show before any key exists, and a first
 * name is not free text. Everything a person writes (reassurance, held messages, the reconnect
 * conversation) is sealed.
 */
export function openReassurance(payload: string, senderId: string): Opened {
  if (!payload || payload === DEFAULT_REASSURANCE) return { state: 'ok', text: DEFAULT_REASSURANCE, senderId };
  return peekText(payload, { messageId: REASSURANCE_MESSAGE_ID, senderIds: [senderId] });
}

/** Throws NotReadyError when the couple key is not there yet. */
export function sealReassurance(text: string): Promise<string> {
  return sealText(text, { messageId: REASSURANCE_MESSAGE_ID });
}
