/**
 * The background workers, with a life a shop controls: {@link
 * dev.paykit.inbound.worker.InboxWorker} applies received webhooks from the inbox, {@link
 * dev.paykit.inbound.worker.ReconcilerWorker} asks the provider about payments that waited too
 * long. Both run a fixed number of named daemon threads set by {@link
 * dev.paykit.inbound.worker.WorkerSettings}, survive failing passes, and stop gracefully.
 */
package dev.paykit.inbound.worker;
