import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what the dashboard draws: this module is loaded with the dashboard, never on the first page.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  data: (number | null)[];
  color: string;
}

/**
 * A chart as an image with a text alternative; the same figures are always
 * in a table beside it, which is what a screen reader reads.
 */
export function ChartView({ kind, labels, series, summary }: { kind: 'bar' | 'line'; labels: string[]; series: Series[]; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color })) },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: series.length > 1 } } },
    });
    return () => chart.destroy();
  }, [kind, labels.join('|'), JSON.stringify(series)]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
