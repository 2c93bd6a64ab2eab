import { createHash } from "node:crypto";
import * as Audit from "../audit";
import * as RateLimit from "../rate-limit";
import { SignInLockEntity } from "./session.entity";

/**
 * Sign-in attempts are limited per account (the normalised e-mail, whether an account has it or
 * not, so the answers cannot tell which addresses exist) and per client (the counter key of the
 * client's address: IPv4, or an IPv6 /64; see `Limits.clientKey`).
 *
 * - The first 5 failures of an hour window are answered at once.
 * - Past them, one attempt per 30-second window: others get a 429 with `Retry-After` without the
 *   password being checked. A refusal, rather than a delay before answering, because a delay holds
 *   a Lambda (cost and concurrency) for every parallel guess while the refusal costs nothing and
 *   tells a legitimate agent exactly how long to wait.
 * - At 20 failures in the hour window the key is locked for 15 minutes: every attempt, the right
 *   password included, gets a 429 with `Retry-After`; a further failure in the same hour window
 *   locks it again.
 * - A success forgets the account's failures; a client's are not forgotten (one valid account
 *   must not let a client keep guessing others).
 *
 * Each attempt counts as a failure before the password is checked (an unconditional ADD) and is
 * given back if it succeeds or is refused, so a burst of parallel requests sees the counts of
 * the others and cannot all pass the first 5. Windows are the fixed, epoch-aligned windows of
 * the rate-limit counters.
 */
export const SIGN_IN_LIMITS = {
  freeFailures: 5,
  slowDownSeconds: 30,
  lockFailures: 20,
  failureWindowSeconds: 3600,
  lockSeconds: 15 * 60,
} as const;

export const emailHash = (email: string) => createHash("sha256").update(normaliseEmail(email)).digest("hex");

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

interface Subject {
  kind: "account" | "client";
  /** the e-mail's hash or the client address */
  id: string;
}

export interface Attempt {
  emailHash: string;
  client: string | undefined;
  subjects: Subject[];
  /** each subject's failures in the window, this attempt included */
  counts: number[];
}

const failures = (s: Subject) => ({ key: `sign-in-failures#${s.kind}#${s.id}`, windowSeconds: SIGN_IN_LIMITS.failureWindowSeconds });
const lockKey = (s: Subject) => `${s.kind}#${s.id}`;
const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

const slowedDown = (retryAfterSeconds: number) =>
  new RateLimit.RateLimitedError("auth.slow_down", "Trop de tentatives de connexion : patientez quelques secondes avant de réessayer.", retryAfterSeconds);

const locked = (retryAfterSeconds: number) =>
  new RateLimit.RateLimitedError(
    "auth.locked",
    `Trop de tentatives de connexion : la connexion est suspendue, réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? "s" : ""}.`,
    retryAfterSeconds,
  );

/**
 * Before the password is checked: refuses a locked or slowed-down account or client (429), and
 * counts this attempt as a failure until `succeeded` gives it back.
 */
export async function begin(email: string, client: string | undefined, now: Date): Promise<Attempt> {
  const hash = emailHash(email);
  // an unknown client (no source address: never on API Gateway) is limited per account only
  const subjects: Subject[] = [{ kind: "account", id: hash }, ...(client ? [{ kind: "client" as const, id: client }] : [])];
  const locks = await Promise.all(subjects.map((s) => SignInLockEntity.get({ key: lockKey(s) }).go({ consistent: true })));
  const lockedFor = Math.max(0, ...locks.map((lock) => (lock.data ? lock.data.lockedUntil - seconds(now) : 0)));
  if (lockedFor > 0) throw locked(lockedFor);

  const counts = await Promise.all(subjects.map((s) => RateLimit.add(failures(s), now)));
  const slowed = subjects.filter((_, i) => (counts[i] ?? 0) > SIGN_IN_LIMITS.freeFailures);
  if (slowed.length) {
    const takes = await Promise.all(slowed.map((s) => RateLimit.take({ key: `sign-in-slow#${s.kind}#${s.id}`, limit: 1, windowSeconds: SIGN_IN_LIMITS.slowDownSeconds }, now)));
    const refused = takes.filter((t) => !t.granted);
    if (refused.length) {
      await Promise.all(subjects.map((s) => RateLimit.add(failures(s), now, -1)));
      throw slowedDown(Math.max(...refused.map((t) => t.retryAfterSeconds)));
    }
  }
  return { emailHash: hash, client, subjects, counts };
}

/** The password was right: the account's failures are forgotten, the client's attempt given back. */
export async function succeeded(attempt: Attempt, now: Date): Promise<void> {
  await Promise.all(attempt.subjects.map((s) => (s.kind === "account" ? RateLimit.reset(failures(s), now) : RateLimit.add(failures(s), now, -1))));
}

/** The password was wrong: audits the failure, and locks what reached the lock threshold. */
export async function failed(attempt: Attempt, now: Date, agentId: string | undefined): Promise<void> {
  const until = seconds(now) + SIGN_IN_LIMITS.lockSeconds;
  const account = agentId ? `agent#${agentId}` : `email#${attempt.emailHash}`;
  const toLock = attempt.subjects.filter((_, i) => (attempt.counts[i] ?? 0) >= SIGN_IN_LIMITS.lockFailures);
  await Promise.all(toLock.map((s) => SignInLockEntity.put({ key: lockKey(s), lockedUntil: until, expiresAt: until }).go({ response: "none" })));
  const common = { agentId, emailHash: attempt.emailHash, client: attempt.client };
  await Audit.recordAccountEvents(
    [
      { subject: account, action: "sign_in.failed", ...common },
      ...toLock.map((s) => ({
        subject: s.kind === "account" ? account : `client#${s.id}`,
        action: "sign_in.locked" as const,
        ...common,
        until: new Date(until * 1000).toISOString(),
      })),
    ],
    now,
  );
}
