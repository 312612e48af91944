import { CalendarDate, isoDay } from '@ejp/contracts';
import { type ExperienceMetric, type ExperienceMetricCell, ExperienceMetricsReadModel, type MetricDims } from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import { z } from 'zod';
import { allDocuments } from './params.ts';

/** The query parameters every experience route takes: `asOf` and the CSV switch. */
export const asOfQuery = {
  asOf: CalendarDate.optional().describe('The numbers as they stood at the end of this UTC day (default: today).'),
  format: z.enum(['json', 'csv']).optional().describe('csv: the same cells as text/csv (as with `Accept: text/csv`), suppressed ones saying so.'),
};

export const CSV_NOTE = 'With `Accept: text/csv` or `format=csv` the same rows come as CSV (text/csv), with the same suppression.';

export function asOfOf(query: { asOf?: string | undefined }, clock: () => Date): string {
  return query.asOf ?? isoDay(clock());
}

interface CsvReply {
  type(contentType: string): CsvReply;
  header(name: string, value: string): CsvReply;
  // The typed reply's send takes the JSON body; the CSV string goes through as `never`.
  send(payload: never): unknown;
}

interface CsvRequest {
  query: { format?: string | undefined };
  headers: { accept?: string | undefined };
}

function wantsCsv(request: CsvRequest): boolean {
  if (request.query.format) return request.query.format === 'csv';
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

type CsvValue = string | number | boolean | null;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const field = (v: CsvValue) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Answers JSON, or the CSV of the same answer when asked for. */
export function answer<T>(request: CsvRequest, reply: CsvReply, body: T, csv: (body: T) => string, name: string): T {
  if (!wantsCsv(request)) return body;
  // An async handler that sent its reply returns the reply (Fastify's rule); the typed body is the JSON case.
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(csv(body) as never) as T;
}

/** One counter of a metric: its dimension values and the sum of its deltas. */
export interface MetricEntry {
  dims: MetricDims;
  count: number;
}

/**
 * A metric's counters as of the end of asOf: the month cells before asOf's
 * month and the day cells of its month up to asOf (two indexed range reads
 * of at most a few dozen documents, however many employees).
 */
export async function metricCells(readStore: ReadStore, metric: ExperienceMetric, asOf: string): Promise<MetricEntry[]> {
  const month = asOf.slice(0, 7);
  const [months, days] = await Promise.all([
    allDocuments<ExperienceMetricCell>(readStore, ExperienceMetricsReadModel.collection, { where: { metric, period: 'month', bucket: { lt: month } } }),
    allDocuments<ExperienceMetricCell>(readStore, ExperienceMetricsReadModel.collection, { where: { metric, period: 'day', bucket: { gte: `${month}-01`, lte: asOf } } }),
  ]);
  return [...months, ...days].flatMap((cell) => Object.entries(cell.counts).map(([key, count]) => ({ dims: cell.keys[key] ?? {}, count })));
}

/** Sums counters by a key of their dimensions, dropping the keys that sum to 0. */
export function sumBy(cells: readonly MetricEntry[], key: (dims: MetricDims) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const cell of cells) {
    const k = key(cell.dims);
    sums.set(k, (sums.get(k) ?? 0) + cell.count);
  }
  for (const [k, v] of sums) if (v === 0) sums.delete(k);
  return sums;
}

/** The median of a histogram of whole days (the mean of the two middle ones for an even count); null when empty. */
export function medianOf(histogram: ReadonlyMap<number, number>): number | null {
  const low = quantileOf(histogram, 0.5);
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (low === null || total % 2 === 1) return low;
  const high = rankOf(histogram, total / 2 + 1);
  return high === null ? low : (low + high) / 2;
}

/** The q-quantile (0..1) of a histogram of whole days, by the nearest-rank rule; null when empty. */
export function quantileOf(histogram: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  return rankOf(histogram, Math.max(1, Math.ceil(q * total)));
}

function rankOf(histogram: ReadonlyMap<number, number>, rank: number): number | null {
  let seen = 0;
  for (const [days, count] of [...histogram].sort((a, b) => a[0] - b[0])) {
    seen += count;
    if (seen >= rank) return days;
  }
  return null;
}
