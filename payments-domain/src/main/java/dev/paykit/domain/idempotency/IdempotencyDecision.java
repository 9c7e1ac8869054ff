package dev.paykit.domain.idempotency;

/** What to do with a request, given what is stored for its key. See {@link IdempotencyRules}. */
public sealed interface IdempotencyDecision {

  /** Nothing (live) is stored: reserve the key and do the work. */
  record New() implements IdempotencyDecision {}

  /** The same request already completed: answer its stored result, do nothing again. */
  record Replay(IdempotencyRecord stored) implements IdempotencyDecision {}

  /** The key was used for a different request: a programming error on the caller's side. */
  record Conflict(IdempotencyRecord stored) implements IdempotencyDecision {}

  /** Another request holds the key right now: try again later with the same key. */
  record InProgress(IdempotencyRecord stored) implements IdempotencyDecision {}

  /** The holder's lock expired without completing (a crash): take over and finish its work. */
  record Recover(IdempotencyRecord stored) implements IdempotencyDecision {}
}
