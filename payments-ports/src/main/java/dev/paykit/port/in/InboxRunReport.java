package dev.paykit.port.in;

/** What one pass over the inbox did. */
public record InboxRunReport(int claimed, int processed, int retried, int deadLettered) {}
