import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { agreementStatus } from '../../shared/agreement/rules';
import { applyCoupleChange, type CoupleChange } from '../../shared/contracts/change';
import type { ClientPayload } from '../../shared/contracts/events';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot';
import { KEYS, persisted, read, save } from '../lib/storage';
import { deviceIdSchema, inviteSchema, snapshotSchema, type StoredInvite } from '../lib/stored';
import { errorText } from '../content/errors';
import { useConnectionStore } from './connection';

export type { StoredInvite };

type SettingsPatch = ClientPayload<'settings:update'>;
type JoinPayload = ClientPayload<'invite:join'>;
type AgreementChange = Omit<ClientPayload<'agreement:accept'>, 'terms'>;

/** Who this phone is, who it is linked with, and the latest couple snapshot. */
export const useCoupleStore = defineStore('couple', () => {
  const conn = useConnectionStore();
  const deviceId = ref<string | null>(read(KEYS.deviceId, deviceIdSchema));
  // Cached so the pause button works offline at 11 pm, before any server answer.
  const snapshot = persisted<CoupleSnapshot | null>(KEYS.snapshot, snapshotSchema, { fallback: null });
  const invite = persisted<StoredInvite | null>(KEYS.invite, inviteSchema, { fallback: null });

  const linked = computed(() => conn.credential !== null);
  const me = computed(() => snapshot.value?.devices.find((d) => d.id === deviceId.value));
  const partner = computed(() => snapshot.value?.devices.find((d) => d.id !== deviceId.value));
  const paired = computed(() => linked.value && partner.value !== undefined);
  /** The shared time-out agreement, from the (cached) snapshot: it never blocks a pause, only guides the home screen. */
  const agreement = computed(() =>
    deviceId.value ? agreementStatus(snapshot.value?.agreement, deviceId.value, partner.value?.id) : 'no-partner',
  );
  const agreed = computed(() => agreement.value === 'agreed');

  // Losing the credential (unpaired here, there, or revoked) means forgetting everything about the couple.
  watch(
    () => conn.credential,
    (credential) => {
      if (credential) return;
      deviceId.value = null;
      snapshot.value = null;
      invite.value = null;
      save(KEYS.deviceId, null);
    },
    { flush: 'sync' },
  );

  /** Settings changes keep the seq, so an equal seq is still news; only an older one is ignored. */
  function applySnapshot(next: CoupleSnapshot): void {
    const current = snapshot.value;
    if (current && current.coupleId === next.coupleId && next.seq < current.seq) return;
    snapshot.value = next;
    if (next.devices.length > 1) invite.value = null;
  }

  /** A partner's move: applied on top of the snapshot it follows; after a missed step, the whole state is fetched. */
  function applyChange(change: CoupleChange): void {
    const next = applyCoupleChange(snapshot.value, change);
    if (next === 'gap') void refresh();
    else if (next !== snapshot.value) applySnapshot(next);
  }

  function adopt(credential: string, id: string, next: CoupleSnapshot): void {
    conn.setCredential(credential);
    deviceId.value = id;
    save(KEYS.deviceId, id);
    snapshot.value = null;
    applySnapshot(next);
  }

  /** Returns an error message to show, or null when it worked. */
  async function createInvite(name: string): Promise<string | null> {
    const res = await conn.call('invite:create', { name });
    if ('error' in res) return errorText(res.error);
    const { code, token, expiresAt, credential, deviceId: id, snapshot: next } = res.data;
    invite.value = { code, token, expiresAt };
    adopt(credential, id, next);
    return null;
  }

  async function join(payload: JoinPayload): Promise<string | null> {
    const res = await conn.call('invite:join', payload);
    if ('error' in res) return errorText(res.error);
    adopt(res.data.credential, res.data.deviceId, res.data.snapshot);
    return null;
  }

  async function unpair(): Promise<string | null> {
    const res = await conn.call('couple:unpair', {});
    if ('error' in res && res.error.code !== 'not_linked') return errorText(res.error);
    conn.setCredential(null);
    await conn.reconnect();
    return null;
  }

  /** A lone phone cannot make a second invite, so the old couple goes and a new one starts. */
  async function newCode(): Promise<string | null> {
    const name = me.value?.name;
    const failed = await unpair();
    if (failed) return failed;
    return name ? createInvite(name) : null;
  }

  async function refresh(): Promise<void> {
    if (!linked.value) return;
    const res = await conn.call('state:get', {});
    if ('data' in res) applySnapshot(res.data);
  }

  async function updateSettings(patch: SettingsPatch): Promise<string | null> {
    const res = await conn.call('settings:update', patch);
    if ('error' in res) return errorText(res.error);
    applySnapshot(res.data);
    return null;
  }

  /**
   * "We agree" to the terms this phone is showing, with any change to my own part (the signal arrives
   * already sealed). If my partner changed something meanwhile, the server refuses and sends the latest.
   */
  async function acceptAgreement(change: AgreementChange): Promise<string | null> {
    const terms = snapshot.value?.agreement?.terms;
    if (!terms) return null;
    const res = await conn.call('agreement:accept', { terms, ...change });
    if ('error' in res) return errorText(res.error);
    applySnapshot(res.data);
    return null;
  }

  function start(): void {
    conn.on('couple:state', applySnapshot);
    conn.on('couple:change', applyChange);
    conn.on('couple:unlinked', () => conn.setCredential(null));
  }

  return {
    deviceId,
    snapshot,
    invite,
    linked,
    paired,
    agreement,
    agreed,
    me,
    partner,
    applySnapshot,
    createInvite,
    join,
    unpair,
    newCode,
    refresh,
    updateSettings,
    acceptAgreement,
    start,
  };
});
