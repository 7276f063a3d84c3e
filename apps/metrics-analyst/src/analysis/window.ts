import { durationSeconds } from '@swarmops/contracts';

/** Points per series the analysis asks for: enough for p95 and a trend, cheap for Prometheus. */
export const TARGET_POINTS = 240;
export const MIN_STEP_SECONDS = 5;
/**
 * `rate()` needs two samples inside its range: 60 s covers scrape intervals up to 30 s (the platform
 * scrapes every 15 s); wider windows use 4 steps so each point sums its whole step.
 */
export const MIN_RATE_RANGE_SECONDS = 60;

export interface AnalysisWindow {
  /** As requested, e.g. `1h`. */
  readonly window: string;
  readonly seconds: number;
  /** Unix seconds. */
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly rateRange: number;
}

export function analysisWindow(window: string, now: Date): AnalysisWindow {
  const seconds = durationSeconds(window);
  const end = Math.floor(now.getTime() / 1000);
  const step = Math.max(MIN_STEP_SECONDS, Math.ceil(seconds / TARGET_POINTS));
  return {
    window,
    seconds,
    start: end - seconds,
    end,
    step,
    rateRange: Math.max(MIN_RATE_RANGE_SECONDS, 4 * step),
  };
}
