/** Waits `ms` milliseconds; layers take one as an option so tests can replace wall time with a fake clock. */
export type Sleep = (ms: number) => Promise<void>;

/** Returns the current time in milliseconds since the epoch (an injectable `Date.now`). */
export type Now = () => number;

/** The real `Sleep`, on `setTimeout`. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The real `Now`. */
export const realNow: Now = () => Date.now();
