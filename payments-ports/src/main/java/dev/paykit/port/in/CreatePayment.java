package dev.paykit.port.in;

/** Use case: create a payment, idempotently. */
public interface CreatePayment {

  /**
   * @throws dev.paykit.domain.ValidationException if the request breaks a rule (names the field)
   * @throws IdempotencyKeyReusedException if the key was used for a different request
   * @throws RequestInProgressException if another request holds the key right now
   * @throws OrderAlreadyPaidException if the order has a succeeded payment
   */
  CreatePaymentResult create(CreatePaymentCommand command);
}
