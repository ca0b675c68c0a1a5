/** Replaces secrets in a piece of text; applied to every string an error takes from outside. */
export type Redact = (text: string) => string;

const REDACTED = "[REDACTED]";

/** Shorter strings would redact ordinary words; real tokens are long. */
const MIN_SECRET_LENGTH = 6;

/**
 * Builds a `Redact` that hides the current values of `secrets` (read at each call, so a rotated
 * token is hidden too) and any `Bearer …` credential, whoever echoed it.
 */
export function createRedactor(secrets: () => ReadonlyArray<string | undefined>): Redact {
  return (text) => {
    let out = text.replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
    let current: ReadonlyArray<string | undefined>;
    try {
      current = secrets();
    } catch {
      // A token getter that throws must not turn error reporting into a second failure.
      current = [];
    }
    for (const secret of current) {
      if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
    }
    return out;
  };
}

/** Hides `Bearer …` credentials only; the default when no token is known. */
export const redactBearer: Redact = createRedactor(() => []);

/**
 * A redacted copy of a thrown value, safe to keep as an error's `cause`: the name, message, stack
 * and system `code` survive, nothing else does (a foreign error may hold request options or headers).
 * Nested causes are copied the same way, a few levels deep.
 */
export function sanitizeCause(value: unknown, redact: Redact, depth = 0): Error {
  if (!(value instanceof Error)) return new Error(redact(String(value)));
  const nested = depth < 3 && value.cause !== undefined ? { cause: sanitizeCause(value.cause, redact, depth + 1) } : undefined;
  const copy = new Error(redact(value.message), nested);
  copy.name = value.name;
  copy.stack = value.stack === undefined ? undefined : redact(value.stack);
  const code = (value as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
}
