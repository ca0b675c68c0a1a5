/** A clock that moves only when someone sleeps on it (or `advance` is called), so no test waits on wall time. */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  /** Every sleep requested, in order. */
  sleeps: number[];
}

/** Creates a `FakeClock` starting at `start` (ms since the epoch). */
export function fakeClock(start = 0): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      // Time passes after the caller's synchronous code has run, as with a real timer.
      await Promise.resolve();
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    sleeps,
  };
}
