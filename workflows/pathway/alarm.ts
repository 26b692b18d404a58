import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * The deadline loop's one durable timer, kept while its instant stays the next wake-up: a
 * command that does not move the next deadline neither cancels nor starts a timer.
 */
export class Alarm {
  private at?: number;
  private scope?: CancellationScope;
  rang = false;

  /** Sets the alarm for an instant (ms), or none; the same instant keeps the running timer. */
  set(at: number | undefined): void {
    if (at === this.at) return;
    this.scope?.cancel();
    this.scope = undefined;
    this.at = at;
    this.rang = false;
    if (at === undefined) return;
    const scope = new CancellationScope();
    this.scope = scope;
    scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          if (this.scope === scope) this.rang = true;
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
  }
}
