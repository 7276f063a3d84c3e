/** PostgreSQL NOTIFY channel that wakes outbox relays when rows are enqueued. */
export const OUTBOX_CHANNEL = 'swarmops_outbox';
