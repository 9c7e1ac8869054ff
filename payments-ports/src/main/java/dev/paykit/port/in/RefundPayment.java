package dev.paykit.port.in;

/** Use case: refund part or all of a succeeded payment, idempotently. */
public interface RefundPayment {

  /**
   * @throws PaymentNotFoundException if the payment is unknown
   * @throws RefundNotAllowedException if the payment did not succeed or the refunds would exceed it
   * @throws IdempotencyKeyReusedException if the key was used for a different refund
   * @throws RequestInProgressException if another request holds the key right now
   */
  RefundResult refund(RefundCommand command);
}
