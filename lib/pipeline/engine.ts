import type { TickResult } from './tick';

export interface EngineDeps {
  tick: () => Promise<TickResult>;
  intervalMs: () => Promise<number>;
  onError: (error: unknown) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
}

/**
 * Runs ticks one at a time. While work remains, the next tick is scheduled after the poll interval;
 * these regular extension calls keep the worker alive, and the alarm is the backstop when it dies.
 */
export function createEngine(deps: EngineDeps): { kick: () => Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let timerPending = false;

  async function loop(): Promise<void> {
    let active = false;
    do {
      again = false;
      try {
        active = (await deps.tick()).active;
      } catch (error) {
        active = true;
        deps.onError(error);
      }
    } while (again);
    if (active && !timerPending) {
      timerPending = true;
      deps.setTimer(
        () => {
          timerPending = false;
          void kick();
        },
        await deps.intervalMs(),
      );
    }
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }

  return { kick };
}
