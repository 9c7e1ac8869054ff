package dev.paykit.domain.message;

/**
 * What a checkout page tells the customer: a short title, a sentence, and whether trying again
 * could help. Never a decline code, a provider error or anything meant for a developer.
 */
public record CustomerMessage(String title, String body, boolean mayRetry) {}
