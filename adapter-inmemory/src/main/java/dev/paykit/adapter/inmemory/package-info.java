/**
 * Thread-safe in-memory implementations of the store ports, for the demo and for tests: one process
 * only, nothing survives a restart.
 */
package dev.paykit.adapter.inmemory;
