package dev.paykit.adapter.http;

/** Bodies in the reference API's shape. */
final class Fixtures {
  private Fixtures() {}

  static String payment(String transactionId, String status) {
    return payment(transactionId, status, "null");
  }

  static String payment(String transactionId, String status, String failure) {
    return """
        {
          "transactionId": "%s",
          "status": "%s",
          "amount": {"value": 1050, "currency": "EUR"},
          "externalId": "order-8812",
          "metadata": {"cartId": "c-19", "channel": "web"},
          "checkoutUrl": "https://provider.example/checkout/%s",
          "failure": %s,
          "createdAt": "2026-11-24T10:15:30Z",
          "updatedAt": "2026-11-24T10:16:30Z",
          "expiresAt": "2026-11-24T10:30:30Z",
          "someFieldFromTheFuture": {"ignored": true}
        }
        """
        .formatted(transactionId, status, transactionId, failure);
  }

  static String refund(String refundId, String transactionId, String status) {
    return """
        {
          "refundId": "%s",
          "transactionId": "%s",
          "status": "%s",
          "amount": {"value": 500, "currency": "EUR"},
          "createdAt": "2026-11-24T11:00:00Z"
        }
        """
        .formatted(refundId, transactionId, status);
  }

  static String error(String code, String message, String param, String declineCode) {
    return """
        {"error": {"code": "%s", "message": "%s", "param": %s, "declineCode": %s}}
        """
        .formatted(code, message, quotedOrNull(param), quotedOrNull(declineCode));
  }

  static String token(String accessToken, long expiresIn) {
    return """
        {"access_token": "%s", "token_type": "Bearer", "expires_in": %d}
        """
        .formatted(accessToken, expiresIn);
  }

  private static String quotedOrNull(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
