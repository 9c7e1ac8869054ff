package dev.paykit.domain.payment;

import java.net.URI;

/**
 * Where the hosted checkout sends the customer back. Coming back proves nothing about the outcome:
 * the payment is verified with the provider, never read from the redirect.
 */
public record ReturnUrls(URI successUrl, URI cancelUrl) {
  public ReturnUrls {
    successUrl = SecureUrl.require("successUrl", successUrl);
    cancelUrl = SecureUrl.require("cancelUrl", cancelUrl);
  }

  public static ReturnUrls of(String successUrl, String cancelUrl) {
    return new ReturnUrls(
        SecureUrl.require("successUrl", successUrl), SecureUrl.require("cancelUrl", cancelUrl));
  }
}
