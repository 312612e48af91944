/** A share as a whole percentage; a missing one as a dash. */
export const pct = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);

/** The months `from`..`to` (YYYY-MM) of the twelve ending with the month of `day`. */
export function twelveMonthsTo(day: string): { from: string; to: string } {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return { from: d.toISOString().slice(0, 7), to: day.slice(0, 7) };
}
