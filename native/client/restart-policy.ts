// When to restart a crashed engine. Pure logic so it can be tested without processes: restart at once
// after a crash, back off when crashes repeat, and give up (ENGINE_UNAVAILABLE) when the engine keeps
// dying in a short window — a crash loop must not spin the CPU or hide the problem from the user.
export interface RestartPolicyOptions {
  /** Crashes tolerated inside `windowMs` before giving up. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before restart n (0-based) within the window: baseDelayMs * 2^n, capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxCrashes: 5, windowMs: 60_000, baseDelayMs: 100, maxDelayMs: 5_000 };

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; reason: string };

export class RestartPolicy {
  readonly #crashes: number[] = [];
  constructor(readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Records a crash at `now` and says whether (and when) to restart. */
  onCrash(now: number): RestartDecision {
    const { maxCrashes, windowMs, baseDelayMs, maxDelayMs } = this.options;
    this.#crashes.push(now);
    while (this.#crashes.length && this.#crashes[0]! <= now - windowMs) this.#crashes.shift();
    const recent = this.#crashes.length;
    if (recent > maxCrashes) {
      return { restart: false, reason: `The engine crashed ${recent} times in ${Math.round(windowMs / 1000)} s; not restarting it again.` };
    }
    return { restart: true, delayMs: Math.min(maxDelayMs, baseDelayMs * 2 ** (recent - 1)) };
  }

  /** A manual restart (the user asked) starts with a clean slate. */
  reset(): void {
    this.#crashes.length = 0;
  }
}
