/** Settings of the retry budget shared by every request of one retrying `fetch`. */
export interface RetryBudgetOptions {
  /** Tokens in a full budget (default 500). */
  capacity?: number;
  /** Tokens a retry takes (default 5). */
  retryCost?: number;
  /** Tokens a retry after a network error or timeout takes (default 10). */
  networkErrorCost?: number;
  /** Tokens a request that succeeds at its first attempt gives back (default 1). */
  refund?: number;
}

/**
 * A token bucket in the shape of the AWS SDKs' "standard" retry quota: retries spend
 * tokens, successes earn them back. While the upstream is down, the budget drains after
 * `capacity / retryCost` retries and later failures are returned at once instead of
 * multiplying the load (a retry storm).
 */
export class RetryBudget {
  private tokens: number;

  constructor(private readonly settings: Required<RetryBudgetOptions>) {
    this.tokens = settings.capacity;
  }

  /** Takes the cost of one retry; `undefined` when the budget cannot pay for it. */
  withdraw(networkError: boolean): number | undefined {
    const cost = networkError ? this.settings.networkErrorCost : this.settings.retryCost;
    if (cost > this.tokens) return undefined;
    this.tokens -= cost;
    return cost;
  }

  /** Gives back what the retries of a request that finally succeeded cost, or the refund of a first-time success. */
  deposit(spent: number): void {
    this.tokens = Math.min(this.settings.capacity, this.tokens + (spent > 0 ? spent : this.settings.refund));
  }
}
