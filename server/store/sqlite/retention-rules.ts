/**
 * Every table, and what deletes its rows: the README promises nothing personal is kept without end,
 * and a test walks each store's schema (SQLite and PostgreSQL) and fails on any table missing here. A new table needs its rule.
 */
export const RETENTION_RULES: Readonly<Record<string, string>> = {
  couples:
    'deleteCouple at once (delete everything); purgeUnpaired RETENTION_DAYS after an unpair; ' +
    'purgeAbandonedInvites a day after its never-used invite expired (nobody joined)',
  devices: 'at once on unpair; with their couple (ON DELETE CASCADE)',
  invites: 'purgeAbandonedInvites a day after an unused one expired; at once on unpair; with their couple',
  rate_limits: 'purgeRateLimits once the count’s window has ended',
  held_messages: 'at once on unpair; with their couple; the payload as soon as the partner confirms it',
  push_subscriptions: 'with their device or couple; when the push service says the endpoint is gone',
  push_notices: 'with their couple',
};
