import type { Hops, LoadSummary } from './sections.ts';
import { ms } from './stats.ts';

// The bare hops alone move by a few milliseconds between runs on a shared
// machine (1.7 to 5.5 ms of p99 sum), so a ratio of one platform run to one
// hop measurement taken minutes before says little. The benchmark therefore
// measures in rounds, each the bare hops and then the platform runs, and
// reports the median of the per-round ratios for p50 and p99.

export interface Round {
  hops: Hops;
  standalone: LoadSummary[];
  distributed: LoadSummary[];
}

export interface RoundRatio {
  visibleP50: number;
  visibleP99: number;
  floorP50: number;
  floorP99: number;
}

export interface ModeRatios {
  mode: 'standalone' | 'distributed';
  rate: number;
  floorParts: string;
  rounds: RoundRatio[];
  /** Median of the per-round ratios visible / floor. */
  p50: number;
  p99: number;
}

/** Bare hops that a command crosses in each mode (the adapter append is shown, not summed). */
export function floorOf(hops: Hops, mode: 'standalone' | 'distributed'): { p50: number; p99: number; parts: string } | undefined {
  const keys: (keyof Hops)[] = mode === 'standalone' ? ['sqliteAppend', 'sqliteInsert'] : ['pgInsert', 'kafka', 'mongo'];
  const parts = keys.map((key) => hops[key]);
  if (parts.some((p) => !p)) return undefined;
  return { p50: parts.reduce((s, p) => s + p!.p50, 0), p99: parts.reduce((s, p) => s + p!.p99, 0), parts: keys.join(' + ') };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function roundRatios(rounds: readonly Round[]): ModeRatios[] {
  const out: ModeRatios[] = [];
  for (const mode of ['standalone', 'distributed'] as const) {
    const rates = [...new Set(rounds.flatMap((round) => round[mode].map((result) => result.rate)))];
    for (const rate of rates) {
      const perRound: RoundRatio[] = [];
      let parts = '';
      for (const round of rounds) {
        const floor = floorOf(round.hops, mode);
        const result = round[mode].find((r) => r.rate === rate);
        if (!floor || !result) continue;
        parts = floor.parts;
        perRound.push({ visibleP50: result.visible.p50, visibleP99: result.visible.p99, floorP50: floor.p50, floorP99: floor.p99 });
      }
      if (perRound.length === 0) continue;
      out.push({
        mode,
        rate,
        floorParts: parts,
        rounds: perRound,
        p50: median(perRound.map((r) => r.visibleP50 / r.floorP50)),
        p99: median(perRound.map((r) => r.visibleP99 / r.floorP99)),
      });
    }
  }
  return out;
}

export function roundsLines(ratios: readonly ModeRatios[]): string[] {
  return ratios.map(
    (r) =>
      `${r.mode} at ${r.rate}/s over ${r.rounds.length} rounds: median of per-round ratios p50 ${r.p50.toFixed(2)}x, p99 ${r.p99.toFixed(2)}x (target p99 <= 3x); ` +
      r.rounds.map((x, i) => `round ${i + 1}: p99 ${ms(x.visibleP99)} / ${ms(x.floorP99)} ms`).join(', '),
  );
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function roundsSection(ratios: readonly ModeRatios[]): string[] {
  if (ratios.length === 0) return [];
  const out = [
    '## Rounds: platform against the bare hops of the same round',
    '',
    'Each round measures the bare hops first, then runs each mode at each rate on fresh processes; the ratio is taken per round',
    '(visible in the timeline / sum of the bare hops that round), and the summary gives the median of those ratios.',
    '',
    row(['mode', 'rate /s', 'round', 'bare-hop sum p50 / p99 ms', 'visible p50 / p99 ms', 'ratio p50', 'ratio p99']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const r of ratios) {
    r.rounds.forEach((x, i) => {
      out.push(row([r.mode, r.rate, i + 1, `${ms(x.floorP50)} / ${ms(x.floorP99)}`, `${ms(x.visibleP50)} / ${ms(x.visibleP99)}`, `${(x.visibleP50 / x.floorP50).toFixed(2)}x`, `${(x.visibleP99 / x.floorP99).toFixed(2)}x`]));
    });
    out.push(row([`**${r.mode}**`, r.rate, 'median', `(${r.floorParts})`, '', `**${r.p50.toFixed(2)}x**`, `**${r.p99.toFixed(2)}x**`]));
  }
  out.push('');
  return out;
}
