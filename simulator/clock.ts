/**
 * The simulated clock behind `created_at` and `updated_at`. It does not follow wall time: it
 * advances by a fixed step on every write, so two runs of the same requests produce the same
 * timestamps, and two writes never share one.
 */
export class SimClock {
  private nowMs: number;

  /**
   * @param startMs epoch milliseconds of the first write minus one step.
   * @param stepMs how far each write moves the clock.
   * @param utcOffset the account's UTC offset, e.g. `-07:00`; timestamps are rendered in it,
   *   as the real API renders them in the account's time zone.
   */
  constructor(startMs: number, private stepMs: number, readonly utcOffset: string) {
    this.nowMs = startMs;
  }

  /** The current simulated time, in epoch milliseconds. */
  now(): number {
    return this.nowMs;
  }

  /** Moves the clock one step forward and returns the new time (call once per write). */
  tick(): number {
    this.nowMs += this.stepMs;
    return this.nowMs;
  }

  /** Changes the step used by later writes. */
  setStep(stepMs: number): void {
    this.stepMs = stepMs;
  }

  /** Renders epoch milliseconds as ISO 8601 in the account's offset: `2025-01-06T09:00:01-07:00`. */
  format(ms: number): string {
    return formatTimestamp(ms, this.utcOffset);
  }
}

/** Renders epoch milliseconds as ISO 8601 with the given `±HH:MM` offset and no fraction. */
export function formatTimestamp(ms: number, utcOffset: string): string {
  const sign = utcOffset.startsWith("-") ? -1 : 1;
  const [hours, minutes] = utcOffset.slice(1).split(":").map(Number);
  const shifted = new Date(ms + sign * (hours * 60 + minutes) * 60_000);
  const local = shifted.toISOString().slice(0, 19);
  return utcOffset === "+00:00" ? `${local}Z` : `${local}${utcOffset}`;
}
