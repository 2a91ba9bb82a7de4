// Rules of the citizen's rating pad, shared by the server (which enforces them) and the pad (which
// follows them). Pure: the caller passes the policy and any time values.
import type { RatingPolicy } from './config.ts';

/** What the pad needs to ask: the 5 labels, the reasons, and how long to wait. */
export interface RatingSettings {
  timeoutSec: number;
  reasonsAtOrBelow: number;
  reasons: RatingPolicy['reasons'];
  levels: RatingPolicy['levels'];
}

export function ratingSettings(policy: RatingPolicy, timeoutSec: number = policy.timeoutSec): RatingSettings {
  return { timeoutSec, reasonsAtOrBelow: policy.reasonsAtOrBelow, reasons: policy.reasons, levels: policy.levels };
}

/**
 * A rating has two steps on the pad: the score (timeoutSec to answer, else "not rated"), then, at a
 * low score, reasons and a comment (another timeoutSec, after which what was chosen is sent).
 * The server records "not rated" itself only after both steps and half a timeout more for the
 * network, so it never races a citizen who is still choosing reasons.
 */
export function ratingBackstopMs(timeoutSec: number): number {
  return Math.round(timeoutSec * 2.5 * 1000);
}

/** Whether a finished ticket is still inside the pad's question window (for a pad that reconnects). */
export function ratingStillAsked(finishedAt: number, timeoutSec: number, now: number): boolean {
  return now - finishedAt < timeoutSec * 1000;
}

export interface RatingIssue {
  path: string;
  message: string;
}

/** Reasons must be configured codes, and only a low score has reasons; no answer has no details. */
export function checkRatingDetails(policy: RatingPolicy, score: number | null, reasons: readonly string[], comment: string): RatingIssue[] {
  const issues: RatingIssue[] = [];
  const known = new Set(policy.reasons.map((r) => r.code));
  const unknown = reasons.filter((r) => !known.has(r));
  if (unknown.length > 0) issues.push({ path: 'reasons', message: `không có lý do: ${unknown.join(', ')}` });
  if (new Set(reasons).size !== reasons.length) issues.push({ path: 'reasons', message: 'lý do bị lặp lại' });
  if (score === null) {
    if (reasons.length > 0) issues.push({ path: 'reasons', message: 'không đánh giá thì không có lý do' });
    if (comment !== '') issues.push({ path: 'comment', message: 'không đánh giá thì không có góp ý' });
  } else if (score > policy.reasonsAtOrBelow && reasons.length > 0) {
    issues.push({ path: 'reasons', message: `lý do chỉ dùng khi đánh giá từ ${policy.reasonsAtOrBelow} trở xuống` });
  }
  return issues;
}
