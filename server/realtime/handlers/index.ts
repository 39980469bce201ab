import type { Handlers } from '../types.js';
import { deleteAccount } from './account.js';
import { acceptTerms } from './agreement.js';
import { createInvite, joinInvite, unpair } from './pairing.js';
import { discardHeld, myHeld, receivedHeld, saveHeld, sendHeld } from './held.js';
import { publishKey } from './keys.js';
import { closeConversation, endPause, extendPause, readyAfterPause, shownPause, startPause } from './pause.js';
import { pushKey, pushSubscribe, pushUnsubscribe } from './push.js';
import { getState, ping, updateSettings } from './state.js';
import {
  answerClose,
  confirmParaphrase,
  continueConversation,
  handOverFloor,
  paraphrase,
  rateConversation,
  respondToRequest,
  shareCard,
  submitRepair,
  validateTurn,
} from './conversation.js';

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
  'pause:close': closeConversation,
  'pause:shown': shownPause,
  'held:save': saveHeld,
  'held:discard': discardHeld,
  'held:send': sendHeld,
  'held:mine': myHeld,
  'held:received': receivedHeld,
  'conversation:rate': rateConversation,
  'conversation:continue': continueConversation,
  'conversation:share': shareCard,
  'conversation:floor': handOverFloor,
  'conversation:paraphrase': paraphrase,
  'conversation:confirm': confirmParaphrase,
  'conversation:validate': validateTurn,
  'conversation:repair': submitRepair,
  'conversation:respond': respondToRequest,
  'conversation:close-answer': answerClose,
  'push:key': pushKey,
  'push:subscribe': pushSubscribe,
  'push:unsubscribe': pushUnsubscribe,
  'agreement:accept': acceptTerms,
};
