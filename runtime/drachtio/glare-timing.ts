/**
 * How long to wait before sending a re-INVITE again after a 491 (glare,
 * RFC 3261 §14.1): 2.1 to 4 s when we own the dialog's Call-ID (we sent the
 * INVITE that made it), 0 to 2 s when the peer does, so the two sides retry
 * at different times.
 */
export interface GlareTiming {
  /** A number in [0, 1). */
  random(): number;
  wait(ms: number): Promise<void>;
}

export const SYSTEM_GLARE_TIMING: GlareTiming = {
  random: () => Math.random(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retries after a 491 before the re-INVITE counts as failed. */
export const GLARE_RETRIES = 3;

export function glareDelay(ownsCallId: boolean, random: number): number {
  return ownsCallId ? Math.round(2100 + random * 1900) : Math.round(random * 2000);
}
