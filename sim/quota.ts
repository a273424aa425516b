import type { SimSettings } from './types';

/** docs/backend-facts.md §7.1 `rate_limit_and_credit_balance`. */
export interface Balance {
  estimated_num_videos_remaining: number;
  estimated_num_purchased_videos_remaining: number;
  credit_remaining: number;
  rate_limit_reached: boolean;
  access_resets_in_seconds: number;
}

/** Daily generation quota in a rolling window of settings.resetsInSeconds. */
export class Quota {
  private used = 0;
  private exhausted = false;
  private anchor: number;

  constructor(
    private readonly settings: () => SimSettings,
    now: number,
  ) {
    this.anchor = now;
  }

  /** Seconds until the window resets; rolls the window over when it has passed. */
  resetsIn(now: number): number {
    const windowMs = this.settings().resetsInSeconds * 1000;
    if (now - this.anchor >= windowMs) this.reset(now);
    return Math.max(0, Math.ceil((windowMs - (now - this.anchor)) / 1000));
  }

  remaining(now: number): number {
    this.resetsIn(now);
    return this.exhausted ? 0 : Math.max(0, this.settings().dailyQuota - this.used);
  }

  consume(cost: number): void {
    this.used += cost;
  }

  /** faults.dailyLimit(): remaining reads 0 until reset. */
  exhaust(): void {
    this.exhausted = true;
  }

  reset(now: number): void {
    this.used = 0;
    this.exhausted = false;
    this.anchor = now;
  }

  /** Restarts the window countdown (after settings.resetsInSeconds changes). */
  restartWindow(now: number): void {
    this.anchor = now;
  }

  balance(now: number): Balance {
    const left = this.remaining(now);
    return {
      estimated_num_videos_remaining: left,
      estimated_num_purchased_videos_remaining: 0,
      credit_remaining: 0,
      rate_limit_reached: left === 0,
      access_resets_in_seconds: this.resetsIn(now),
    };
  }
}
