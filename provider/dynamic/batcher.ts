/**
 * Coalesces calls that arrive close together into one batch. The engine sends many creates and
 * reads to one provider process at once, without waiting for each other; a batch is flushed
 * when it is full, or when no new call has arrived for `windowMs` (so a lone call waits
 * `windowMs` at most, and a burst waits until it is over or full) — or at once when every call
 * the caller said to expect has arrived (`expected`), since waiting could bring no other.
 *
 * With `refills`, a batch that follows one of k calls is sent once k calls came: the engine gives
 * each slot the returned batch freed to its next call (a refresh's reads come `--parallel` at a
 * time), so waiting out the window after each round only cost time.
 *
 * While more calls are expected, the quiet that closes a batch stretches to a few times the gap
 * seen between arrivals (up to `MAX_HOLD_MS`): with the engine's per-step checkpoints, creates are
 * handed out one per state-file write (~60 ms apart at 1,000 resources), so a fixed 50 ms window
 * would send a bulk of one or two each time, while the engine is busy writing checkpoints anyway.
 * And while calls are still in an earlier stage of this process (`upstream`: creates in their
 * lookup or verification), no quiet closes the batch: those calls are on their way already.
 */

import { Pace } from "./pace";

/** What one item of a batch came to: its value, or the error that fails this item alone. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** The longest quiet a batch waits for while calls are still expected. */
export const MAX_HOLD_MS = 1000;
/** The quiet that closes a batch, in gaps between recent arrivals. */
export const HOLD_GAPS = 3;

/** Options of a batcher. */
export interface BatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Quiet time that closes a batch; read at each call, so settings apply at once. */
  windowMs: () => number;
  /**
   * How many calls this process has been told to expect in all (`check` announces each create it
   * sees coming); 0 when unknown. Once that many have arrived, a batch is flushed without waiting.
   */
  expected?: () => number;
  /** Once a batch of k returned, send the next as soon as k calls came (see above). */
  refills?: boolean;
  /**
   * The first call after a batch of several returned waits for the calls still expected for up
   * to `MAX_HOLD_MS` of quiet, however fast calls came before: the engine hands out the create it
   * had checked ahead as soon as a bulk returns, and the next round's creates only after their
   * checks and reads, some 700 ms later at `--parallel 100`; that create went alone (an up of
   * 1,000: bulks of 100, 1, 100, 1, …). Held, it takes the slot of the round's 101st create.
   */
  waitsAfterBatch?: boolean;
  /**
   * How many calls are in an earlier stage of this process and come here next (creates waiting
   * for their lookup or verification). While any are, quiet does not close the open batch: the
   * engine has already handed them out, and they arrive as soon as their reads return. (Under
   * per-step checkpoints a round's creates wait in the verification stage while their checks
   * trickle in, and the create that came first went alone.) Call `poke` when the count falls.
   */
  upstream?: () => number;
}

/**
 * Returns a function that queues one item and resolves with that item's own result. `run`
 * receives the items of a batch and returns one `Settled` per item, in the same order; if `run`
 * itself throws, every item of the batch fails with that error.
 */
export function createBatcher<T, R>(run: (items: T[]) => Promise<Settled<R>[]>, options: BatcherOptions): ((item: T) => Promise<R>) & { poke(): void } {
  let queue: { item: T; resolve: (v: R) => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let arrived = 0;
  /**
   * The pace the engine hands calls out at, from gaps before calls that came while a batch was open
   * or in flight. A call that came only after the last batch had returned may have waited for it
   * (creates one at a time, `--parallel 1`): its gap says nothing.
   */
  const pace = new Pace(Infinity);
  let flushedSinceArrival = false;
  let running = 0;
  /** With `refills`: calls to wait for once the last batch returned (0: none known). */
  let refill = 0;
  /** With `waitsAfterBatch`: a batch of several returned and no call has come since. */
  let returnedSeveral = false;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    flushedSinceArrival = true;
    refill = 0;
    running++;
    run(batch.map((b) => b.item))
      .finally(() => {
        running--;
        if (options.refills) refill = batch.length;
        returnedSeveral = batch.length > 1;
      })
      .then(
        (results) => {
          batch.forEach((b, i) => {
            const r = results[i];
            if (!r) b.reject(new Error("internal error: a batch returned no result for one of its items"));
            else if (r.ok) b.resolve(r.value);
            else b.reject(r.error);
          });
        },
        (error) => batch.forEach((b) => b.reject(error)),
      );
  };

  /** True when every expected call has arrived, so waiting could bring no other. */
  const allArrived = () => {
    const expected = options.expected?.() ?? 0;
    return expected > 0 && arrived >= expected;
  };

  /** The quiet that closes the open batch: the window, stretched while calls are expected and arriving. */
  const quietMs = () => {
    const expected = options.expected?.() ?? 0;
    const gap = pace.gap();
    if (expected <= arrived || gap === undefined) return options.windowMs();
    return Math.max(options.windowMs(), Math.min(MAX_HOLD_MS, HOLD_GAPS * gap));
  };

  /** The quiet timer: closes the batch unless calls are still on their way from an earlier stage. */
  const quietEnded = () => {
    timer = undefined;
    if ((options.upstream?.() ?? 0) === 0) flush();
  };

  const enqueue = (item: T) =>
    new Promise<R>((resolve, reject) => {
      pace.arrive(!flushedSinceArrival || running > 0);
      flushedSinceArrival = false;
      const waits = options.waitsAfterBatch && returnedSeveral && running === 0 && queue.length === 0 && (options.expected?.() ?? 0) > arrived + 1;
      returnedSeveral = false;
      queue.push({ item, resolve, reject });
      arrived++;
      if (queue.length >= options.maxBatch || allArrived() || (refill > 0 && queue.length >= refill)) return flush();
      if (timer) clearTimeout(timer);
      timer = setTimeout(quietEnded, waits ? Math.max(options.windowMs(), MAX_HOLD_MS) : quietMs());
    });
  // `poke`: a count the batch waits on went down (calls that will never come here, or no call left
  // upstream): flush if none is left to wait for, or let quiet close the batch again.
  const poke = () => {
    if (queue.length === 0) return;
    if (allArrived()) return flush();
    if (!timer && (options.upstream?.() ?? 0) === 0) timer = setTimeout(quietEnded, quietMs());
  };
  return Object.assign(enqueue, { poke });
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
