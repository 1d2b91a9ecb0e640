/**
 * The app's tunables in one place, each with its unit in its name: how many things run at once,
 * how often and how long calls are retried, budgets, preview limits and worker deadlines.
 * Modules import the group they need; tests and benches may pass their own values where a
 * function takes them as options.
 */
import type { Backoff } from '@/core/identity';

/** A worker job's time limit: `baseMs` plus `msPerMB` per megabyte of input (ms). */
export interface DeadlineRule {
  baseMs: number;
  msPerMB: number;
}

export const defaultOptions = {
  runs: {
    /** Model calls in flight per batch (changeable per run in the Runs tab). */
    concurrency: 4,
    /** Attempts per case including the first; the scheduler is a batch's one retry layer. */
    maxAttempts: 4,
    /** Wait before retry n of a case, ms (jittered over ½–1 of the step). */
    backoffMs: { first: 1000, factor: 2, max: 60_000 } satisfies Backoff,
    /** A batch asks before it starts when it would pass either limit. */
    confirmAbove: { usd: 1, calls: 50 },
  },
  calls: {
    /** Retries inside one call outside batches (single runs, knowledge drafts). */
    retries: 2,
    /** Wait before retry n inside one call, s. */
    backoffS: { first: 1, factor: 2, max: 8 } satisfies Backoff,
    /** Longest Retry-After honoured inside a call, s; a longer wait goes back to the caller. */
    maxRetryWaitS: 60,
    /** Output budget of a knowledge request (draft rules, suggest a rule), tokens. */
    knowledgeMaxTokens: 1200,
  },
  baseline: {
    /** Images compared at once by the offline baseline. */
    concurrency: 2,
    /** The baseline is deterministic: a failure is not tried again. */
    maxAttempts: 1,
  },
  ingest: {
    /** Files read at once when a folder or dataset is dropped. */
    concurrency: 6,
  },
  library: {
    /**
     * While writes stream in (an ingest adds a case per file), the case list is read again at most
     * this often, ms: reading and drawing a thousand cases for every one added held the page for seconds in all.
     */
    caseListMinIntervalMs: 500,
  },
  video: {
    /**
     * Frame buffers the page has sent back, kept for the next frames: at most this many MB idle
     * (nineteen 1080p RGBA frames, enough for a 16-frame plan), let go this many ms after the last frame.
     */
    pixelPoolMaxIdleMB: 160,
    pixelPoolReleaseMs: 15_000,
  },
  batchApi: {
    /** Pause before look n at a submitted batch, s: soon first, then a few minutes (batches take hours). */
    pollS: { first: 2, factor: 1.6, max: 300 } satisfies Backoff,
  },
  preview: {
    /** Rows of the Compare matrix drawn before asking to narrow. */
    compareRows: 400,
  },
  deadlines: {
    encodeImage: { baseMs: 30_000, msPerMB: 2_000 },
    /** Four library previews (decoded and stored); their sizes are not known up front. */
    thumbnails: { baseMs: 60_000, msPerMB: 0 },
    /** One retrieval descriptor (a small decode). */
    describeImage: { baseMs: 30_000, msPerMB: 2_000 },
    zipProject: { baseMs: 30_000, msPerMB: 1_000 },
    /** Comparing one image with up to eight references; the first image of a class also calibrates. */
    baseline: { baseMs: 60_000, msPerMB: 5_000 },
    ingestFile: { baseMs: 60_000, msPerMB: 2_000 },
    video: { baseMs: 60_000, msPerMB: 500 },
    pointcloudParse: { baseMs: 20_000, msPerMB: 1_000 },
    pointcloudRender: { baseMs: 60_000, msPerMB: 3_000 },
  } satisfies Record<string, DeadlineRule>,
} as const;

export type Options = typeof defaultOptions;
