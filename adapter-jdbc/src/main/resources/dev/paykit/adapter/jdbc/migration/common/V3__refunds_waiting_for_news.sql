-- The reconciler looks for refunds that waited too long for the provider's answer or its webhook.
create index refunds_state_updated_ix on refunds (state, updated_at);
