import { CreateStage } from "./membershipApi";
import { HOLD_GAPS, MAX_HOLD_MS } from "./batcher";
import { Pace } from "./pace";

/** What the batching stages of one type know of the creates to come; see `createAnnouncements`. */
export interface Announcements {
  /** `check` saw a create coming (`fromCheck`), or a diff or an authoritative resource will create `count` at once. */
  announce(count: number, fromCheck: boolean): void;
  /** `count` announced creates will not reach these stages. */
  skip(stages: CreateStage[], count: number): void;
  /** How many calls a stage should still wait for in all, for its batcher's `expected`. */
  expected(stage: CreateStage): () => number;
}

/**
 * The creates announced to one type's batching stages (lookup, verify, create): each stage
 * expects the announced creates not said to skip it, and flushes once as many have arrived.
 *
 * The engine checks each resource just before it creates it, and holds back further checks while
 * `--parallel` creates are in flight: so when a bulk returns, checks and creates come in a stream,
 * one create right after its check, and every stage would find "all announced arrived" at each
 * call and flush it alone (an up of 1,000 sent 47 POSTs and read users 109 times that way). While
 * checks keep coming at a steady pace (gaps under `MAX_HOLD_MS`), a stage expects one more, until
 * `HOLD_GAPS` of the recent gaps (the longest, see `Pace`) pass without a check; then `onQuiet`
 * tells the stages to look again.
 */
export function createAnnouncements(onQuiet: () => void): Announcements {
  let announced = 0;
  const skipped: Record<CreateStage, number> = { lookup: 0, verify: 0, create: 0 };
  const checks = new Pace(MAX_HOLD_MS);
  let quiet: NodeJS.Timeout | undefined;
  // Ended by the quiet timer itself, not by comparing clocks: a timer may fire a little before
  // `performance.now()` says its time is up, and a stage that looked then would wait for good.
  let streaming = false;

  return {
    announce(count, fromCheck) {
      announced += count;
      if (!fromCheck) return;
      checks.arrive();
      const gap = checks.gap();
      if (quiet) clearTimeout(quiet);
      streaming = gap !== undefined;
      quiet = gap === undefined ? undefined : setTimeout(() => ((streaming = false), onQuiet()), HOLD_GAPS * gap);
      quiet?.unref();
    },
    skip(stages, count) {
      for (const stage of stages) skipped[stage] += count;
      onQuiet();
    },
    expected: (stage) => () => announced - skipped[stage] + (streaming ? 1 : 0),
  };
}
