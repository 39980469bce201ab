import { clientEventSchemas, MAX_EVENT_BYTES, type ClientEventName } from '../../shared/contracts/events.js';
import type { Ack } from '../../shared/contracts/errors.js';
import type { PacketVerdict } from '../security/address-limiter.js';
import { runEffects } from './effects.js';
import { handlers } from './handlers/index.js';
import { refuse } from './refuse.js';
import type { AppSocket, Deps, Handler } from './types.js';

type AnyAck = (res: Ack<unknown>) => void;

const PASS: PacketVerdict = { kind: 'pass' };

function isKnown(event: string): event is ClientEventName {
  return Object.hasOwn(clientEventSchemas, event);
}

function byteSize(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args) ?? '');
  } catch {
    return Infinity;
  }
}

/**
 * The single entry for every inbound event: within the rate limits (`verdict`, counted on the frame
 * before it was decoded, see security/engine-gate), known name, one payload, an ack
 * function, at most 64 KB, a payload that passes its schema. Anything else is refused and changes nothing.
 */
export function dispatch(
  socket: AppSocket,
  deps: Deps,
  event: string,
  args: unknown[],
  verdict: PacketVerdict = PASS,
): void {
  const ack = args.at(-1);
  // First, before any parsing or store access, so a flood costs next to nothing. A connection cut off
  // for flooding is already closed: the frames that came with the last one get no answer.
  if (verdict.kind === 'cut' || !socket.connected) return;
  if (verdict.kind === 'refuse') {
    if (verdict.first) deps.log.warn('event.rate_limited', { scope: verdict.scope });
    if (typeof ack === 'function') (ack as AnyAck)(refuse('rate_limited'));
    return;
  }
  if (typeof ack !== 'function') {
    deps.log.warn('event.no_ack', { event: isKnown(event) ? event : 'unknown' });
    return;
  }
  const reply = ack as AnyAck;
  const payloadArgs = args.slice(0, -1);
  if (!isKnown(event)) return reply(refuse('unknown_event'));
  if (byteSize(payloadArgs) > MAX_EVENT_BYTES) return reply(refuse('too_large'));
  if (payloadArgs.length !== 1) return reply(refuse('bad_request'));
  const parsed = clientEventSchemas[event].safeParse(payloadArgs[0]);
  if (!parsed.success) {
    deps.log.warn('event.invalid', { event });
    return reply(refuse('bad_request'));
  }
  const handler = handlers[event] as Handler<ClientEventName>;
  handler(socket, parsed.data as never, deps).then(
    (result) => {
      if ('error' in result) {
        deps.log.info('event.refused', { event, code: result.error.code });
        return reply(result);
      }
      reply({ data: result.data });
      if (result.happened) runEffects(socket, deps, result.happened);
    },
    (err: unknown) => {
      deps.log.error('event.failed', { event, error: err instanceof Error ? err.name : 'unknown' });
      reply(refuse('internal'));
    },
  );
}
