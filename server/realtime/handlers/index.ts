import type { Handlers } from '../types.js';
import { deleteAccount } from './account.js';
import { acceptTerms } from './agreement.js';
import { createInvite, joinInvite, unpair } from './pairing.js';
import { discardHeld, myHeld, receivedHeld, saveHeld, sendHeld } from './held.js';
import { publishKey } from './keys.js';
import { closeReconnect, endPause, extendPause, readyAfterPause, shownPause, startPause } from './pause.js';
import { pushKey, pushSubscribe, pushUnsubscribe } from './push.js';
import { getState, ping, updateSettings } from './state.js';
import {
  answerClose,
  confirmParaphrase,
  continueTalk,
  handOverFloor,
  paraphrase,
  rateTalk,
  respondToRequest,
  shareCard,
  submitRepair,
  validateTurn,
} from './talk.js';

export const handlers: Handlers = {
  'time:ping': ping,
  'state:get': getState,
  'invite:create': createInvite,
  'invite:join': joinInvite,
  'couple:unpair': unpair,
  'account:delete': deleteAccount,
  'keys:publish': publishKey,
  'settings:update': updateSettings,
  'pause:start': startPause,
  'pause:extend': extendPause,
  'pause:end': endPause,
  'pause:ready': readyAfterPause,
  'pause:close': closeReconnect,
  'pause:shown': shownPause,
  'held:save': saveHeld,
  'held:discard': discardHeld,
  'held:send': sendHeld,
  'held:mine': myHeld,
  'held:received': receivedHeld,
  'talk:rate': rateTalk,
  'talk:continue': continueTalk,
  'talk:share': shareCard,
  'talk:floor': handOverFloor,
  'talk:paraphrase': paraphrase,
  'talk:confirm': confirmParaphrase,
  'talk:validate': validateTurn,
  'talk:repair': submitRepair,
  'talk:respond': respondToRequest,
  'talk:close-answer': answerClose,
  'push:key': pushKey,
  'push:subscribe': pushSubscribe,
  'push:unsubscribe': pushUnsubscribe,
  'agreement:accept': acceptTerms,
};
