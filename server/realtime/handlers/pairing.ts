import { normalizeCode, splitCode } from '../../../shared/pairing/code.js';
import { DEFAULT_BREAK_MINUTES } from '../../../shared/pause/limits.js';
import { initialCoupleState } from '../../../shared/pause/machine.js';
import { DEFAULT_REASSURANCE } from '../../../shared/pause/reassurance.js';
import type { RateLimit } from '../../config.js';
import { newCredential, newId, newInviteToken, newPairingCode, sameHash, sha256 } from '../../security/secrets.js';
import type { DeviceRecord, InviteRecord } from '../../store/store.js';
import { attachToCouple, loadSnapshot, requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { AppSocket, Deps, Handler } from '../types.js';

const CODE_ATTEMPTS = 10;

/** A new phone of a couple, with its credential (shown once) and only the credential's hash stored. */
export function newDevice(coupleId: string, name: string, now: number) {
  const id = newId();
  const { credential, secretHash } = newCredential(id);
  const device: DeviceRecord = {
    id,
    coupleId,
    name,
    secretHash,
    linkedAt: now,
    defaultMinutes: DEFAULT_BREAK_MINUTES,
    reassurance: DEFAULT_REASSURANCE,
    tendsToWithdraw: null,
    // Published by the phone right after linking (keys:publish).
    publicKey: null,
    agreedTerms: null,
  };
  return { device, credential };
}

async function overLimit(socket: AppSocket, deps: Deps, kind: string, limit: RateLimit): Promise<boolean> {
  const hits = await deps.store.hitRateLimit(`${kind}:${socket.data.address}`, deps.clock.now(), limit.windowMs);
  return hits > limit.max;
}

/** A fresh code whose first half no other open invite uses, so a typed code finds exactly one invite. */
async function uniqueCode(deps: Deps, now: number): Promise<string> {
  for (let i = 0; i < CODE_ATTEMPTS; i++) {
    const code = newPairingCode();
    if (!(await deps.store.lookupInUse(splitCode(code).lookup, now))) return code;
  }
  throw new Error('no free pairing code');
}

export const createInvite: Handler<'invite:create'> = async (socket, { name }, deps) => {
  const now = deps.clock.now();
  if (socket.data.deviceId) return refuse('already_linked');
  if (await overLimit(socket, deps, 'invite', deps.config.invite.createLimit)) {
    return refuse('rate_limited');
  }
  const coupleId = newId();
  const { device, credential } = newDevice(coupleId, name, now);
  const code = await uniqueCode(deps, now);
  const token = newInviteToken();
  const { lookup, secret } = splitCode(code);
  const invite: InviteRecord = {
    id: newId(),
    coupleId,
    lookup,
    secretHash: sha256(secret),
    tokenHash: sha256(token),
    createdAt: now,
    expiresAt: now + deps.config.invite.ttlMs,
    wrongGuesses: 0,
    usedAt: null,
  };
  await deps.store.createCouple(coupleId, device, initialCoupleState());
  await deps.store.createInvite(invite);
  attachToCouple(socket, device);
  deps.log.info('invite.created', { couple: coupleId });
  const snapshot = (await loadSnapshot(deps, coupleId))!;
  return { data: { code, token, expiresAt: invite.expiresAt, credential, deviceId: device.id, snapshot } };
};

export const joinInvite: Handler<'invite:join'> = async (socket, payload, deps) => {
  const now = deps.clock.now();
  if (socket.data.deviceId) return refuse('already_linked');
  if (await overLimit(socket, deps, 'join', deps.config.invite.joinLimit)) {
    deps.log.warn('invite.join_limited', {});
    return refuse('rate_limited');
  }
  const found = 'code' in payload ? await inviteForCode(deps, payload.code) : await inviteForToken(deps, payload.token);
  if ('error' in found) return found;
  const { invite } = found;
  if (invite.usedAt !== null) return refuse('invite_not_found');
  if (now >= invite.expiresAt) return refuse('invite_expired');

  const { device, credential } = newDevice(invite.coupleId, payload.name, now);
  const outcome = await deps.store.joinWithInvite(invite.id, device, now);
  if (outcome === 'used') return refuse('invite_not_found');
  if (outcome === 'full') return refuse('couple_full');
  attachToCouple(socket, device);
  deps.log.info('invite.joined', { couple: invite.coupleId });
  const snapshot = (await loadSnapshot(deps, invite.coupleId))!;
  return {
    data: { credential, deviceId: device.id, snapshot },
    happened: { coupleId: snapshot.coupleId, snapshot, events: [{ type: 'devices_changed' }] },
  };
};

async function inviteForCode(deps: Deps, typed: string) {
  const code = normalizeCode(typed);
  const notFound = refuse('invite_not_found');
  if (!code) return notFound;
  const { lookup, secret } = splitCode(code);
  const invite = await deps.store.findInviteByLookup(lookup);
  if (!invite) return notFound;
  const max = deps.config.invite.maxWrongGuesses;
  if (invite.wrongGuesses >= max) return locked();
  if (!sameHash(sha256(secret), invite.secretHash)) {
    const wrong = await deps.store.recordWrongGuess(invite.id);
    deps.log.warn('invite.wrong_guess', { couple: invite.coupleId, wrong });
    return wrong >= max ? locked() : notFound;
  }
  return { invite };
}

async function inviteForToken(deps: Deps, token: string) {
  const invite = await deps.store.findInviteByTokenHash(sha256(token));
  if (!invite) return refuse('invite_not_found');
  if (invite.wrongGuesses >= deps.config.invite.maxWrongGuesses) return locked();
  return { invite };
}

function locked() {
  return refuse('invite_locked');
}

export const unpair: Handler<'couple:unpair'> = async (socket, _payload, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  // Credentials stop working now; what is left of the couple goes after the retention period.
  await deps.store.unpairCouple(device.coupleId, deps.clock.now());
  deps.log.info('couple.unpaired', { couple: device.coupleId });
  return { data: { unlinked: true }, happened: { coupleId: device.coupleId, events: [{ type: 'couple_unlinked' }] } };
};
