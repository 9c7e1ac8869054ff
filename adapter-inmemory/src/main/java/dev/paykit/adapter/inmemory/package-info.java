/**
 * Thread-safe in-memory implementations of the store ports, the outbox and their unit of work, for
 * the demo and for tests: one process only, nothing survives a restart. {@link
 * dev.paykit.adapter.inmemory.InMemoryStores} is the way to them (or {@link
 * dev.paykit.adapter.inmemory.InMemoryStoreModule} with Guice).
 */
package dev.paykit.adapter.inmemory;
