/** Label values of one metric sample. */
export type MetricLabels = Readonly<Record<string, string | number>>;

/** A monotonically increasing count. */
export interface Counter {
  inc(value?: number, labels?: MetricLabels): void;
}

/** A value that goes up and down. */
export interface Gauge {
  set(value: number, labels?: MetricLabels): void;
}

/** A distribution of observations (durations in seconds, sizes in bytes). */
export interface Histogram {
  observe(value: number, labels?: MetricLabels): void;
}

/** Metrics registry interface; `apps/node` backs it with prom-client, libraries default to no-ops. */
export interface Metrics {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram;
}

const noopInstrument = { inc() {}, set() {}, observe() {} };

/** A metrics registry that records nothing. */
export const noopMetrics: Metrics = {
  counter: () => noopInstrument,
  gauge: () => noopInstrument,
  histogram: () => noopInstrument,
};
