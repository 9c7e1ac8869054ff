/**
 * The webhook endpoint: {@link dev.paykit.inbound.webhook.WebhookEndpoint} answers a delivery from
 * its raw bytes and headers, whatever serves HTTP; {@link
 * dev.paykit.inbound.webhook.JdkWebhookServer} serves it on the JDK's own HTTP server, hardened
 * against slow and hostile connections, and {@link dev.paykit.inbound.webhook.WebhookServlet} in a
 * servlet container.
 */
package dev.paykit.inbound.webhook;
