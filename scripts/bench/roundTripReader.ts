/**
 * The least a refresh costs any provider that reads memberships back by id. Loaded in place of
 * `pulumi-kantata/dynamic-provider` (through PULUMI_KANTATA_PROVIDER_MODULE) for one more refresh
 * of pulumi-kantata's stack, it loads no code of ours, makes no request and checks nothing: it
 * answers each round of reads (the engine hands them out `--parallel` at a time, and refills a
 * slot only when a read returns) one API round trip after the round closed. The gap between its
 * time and the floor's (which has no read hook) is what rounds of one round trip cost by themselves.
 */

/** Reads in a round: the engine's `--parallel`. */
const ROUND = Number(process.env.KANTATA_BENCH_ROUND ?? 100);
/** One API round trip: the simulator's latency. */
const TRIP_MS = Number(process.env.KANTATA_BENCH_TRIP_MS ?? 50);
/** A round with fewer reads (the last) closes after this quiet. */
const QUIET_MS = 10;

let waiting: (() => void)[] = [];
let quiet: NodeJS.Timeout | undefined;

function closeRound(): void {
  clearTimeout(quiet);
  quiet = undefined;
  const round = waiting;
  waiting = [];
  setTimeout(() => round.forEach((answer) => answer()), TRIP_MS);
}

export function attach(target: Record<string, unknown>): void {
  target.read = (id: string, props: Record<string, unknown>) =>
    new Promise((resolve) => {
      waiting.push(() => resolve({ id, props }));
      if (waiting.length >= ROUND) return closeRound();
      clearTimeout(quiet);
      quiet = setTimeout(closeRound, QUIET_MS);
    });
}
