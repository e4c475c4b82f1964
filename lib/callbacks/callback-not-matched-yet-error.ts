/** Thrown by a callback's job when no payment matches it yet: pg-boss retries it with backoff. */
export class CallbackNotMatchedYetError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "CallbackNotMatchedYetError";
  }
}
