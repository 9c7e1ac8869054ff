/**
 * Stripe as a Paykit provider: {@link dev.paykit.adapter.stripe.StripeGateway} (PaymentIntents,
 * Refunds, Disputes, Files) over the transport toolkit, {@link
 * dev.paykit.adapter.stripe.StripeSignatureVerifier} ({@code Stripe-Signature}) and {@link
 * dev.paykit.adapter.stripe.StripeWebhookParser}, bound by {@link
 * dev.paykit.adapter.stripe.StripeModule}.
 *
 * <p>Written from Stripe's public API reference and guides: <a
 * href="https://docs.stripe.com/api/payment_intents">PaymentIntents</a> (the object, create,
 * retrieve, <a href="https://docs.stripe.com/api/payment_intents/search">search</a> and the <a
 * href="https://docs.stripe.com/search#search-query-language">search query language</a>), <a
 * href="https://docs.stripe.com/api/refunds">Refunds</a>, <a
 * href="https://docs.stripe.com/api/disputes">Disputes</a> (retrieve, update with {@code evidence}
 * and {@code submit}), <a href="https://docs.stripe.com/api/files/create">Create a file</a> ({@code
 * purpose=dispute_evidence}), <a href="https://docs.stripe.com/api/errors">Errors</a> and <a
 * href="https://docs.stripe.com/error-codes">Error codes</a>, <a
 * href="https://docs.stripe.com/api/idempotent_requests">Idempotent requests</a>, <a
 * href="https://docs.stripe.com/error-low-level">Advanced error handling</a> ({@code
 * Stripe-Should-Retry}, 500s of unknown outcome, 429s before the idempotency layer), <a
 * href="https://docs.stripe.com/webhooks#verify-manually">Webhook signatures</a>, <a
 * href="https://docs.stripe.com/api/events">Events</a> and <a
 * href="https://docs.stripe.com/currencies#zero-decimal">zero-decimal currencies</a>.
 */
package dev.paykit.adapter.stripe;
