import { useState } from 'preact/hooks';
import { ApiProblem } from '../api.ts';
import { Status, useApp, useLoad } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { ChartView } from './chart.tsx';
import { AttritionPanel, OnboardingPanel, RecognitionPanel, SuggestionsPanel } from './dashboard-panels.tsx';
import { DataTable, SuppressedCell } from '../table.tsx';
import { pct } from './format.ts';

const SEGMENTS = ['department', 'level', 'location', 'tenureBand', 'stage'] as const;

interface Heatmap {
  title: string;
  closedOn: string | null;
  columns: { value: string; respondents: number | null; suppressed: boolean; reason: string | null }[];
  rows: { dimension: string; driver: string | null; cells: { value: string; favourable: number | null; suppressed: boolean; reason: string | null }[] }[];
}

interface EnpsTrend {
  rounds: { surveyId: string; title: string; closedOn: string; participation: number | null; enps: number | null; suppressed: boolean; reason: string | null }[];
}

/** The experience dashboard for HR: the analytics routes (issue 18), every figure behind their suppression rules, as of a chosen day. */
export default function DashboardPage() {
  const { t } = useApp();
  const today = new Date().toISOString().slice(0, 10);
  const [asOf, setAsOf] = useState(today);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <p>
        <label for="as-of">{t('dashboard.asOf')}</label>{' '}
        <input id="as-of" type="date" value={asOf} max={today} onChange={(e) => setAsOf((e.target as HTMLInputElement).value || today)} />
      </p>
      <HeatmapPanel asOf={asOf} />
      <EnpsPanel asOf={asOf} />
      <div class="grid">
        <AttritionPanel asOf={asOf} />
        <OnboardingPanel asOf={asOf} />
        <SuggestionsPanel asOf={asOf} />
        <RecognitionPanel asOf={asOf} />
      </div>
    </section>
  );
}

function HeatmapPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const [segment, setSegment] = useState<(typeof SEGMENTS)[number]>('department');
  const heatmap = useLoad(
    () => api<Heatmap>(`/analytics/heatmap?segment=${segment}&asOf=${asOf}`).catch((e) => (e instanceof ApiProblem && e.status === 404 ? null : Promise.reject(e))),
    [segment, asOf],
  );
  const label = (value: string) => (value === 'all' ? t('dashboard.overall') : segment === 'stage' ? t(`stage.${value}` as MessageKey) : value);
  const data = heatmap.data;
  return (
    <section class="card wide" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">{t('dashboard.heatmap')}</h2>
      <label for="segment">{t('dashboard.segmentBy')}</label>{' '}
      <select id="segment" value={segment} onChange={(e) => setSegment((e.target as HTMLSelectElement).value as (typeof SEGMENTS)[number])}>
        {SEGMENTS.map((s) => (
          <option key={s} value={s}>
            {t(`segment.${s}` as MessageKey)}
          </option>
        ))}
      </select>
      {data === undefined && <Status loaded={heatmap} />}
      {data === null && <p>{t('dashboard.noRound', { date: asOf })}</p>}
      {data && (
        <>
          <p>{t('dashboard.round', { title: data.title, date: String(data.closedOn) })}</p>
          <DataTable
            class="heatmap"
            label={t('dashboard.heatmap')}
            columns={[
              t('dashboard.dimension'),
              ...data.columns.map((c) => (
                <>
                  {label(c.value)}
                  {c.respondents !== null && <small> (n={c.respondents})</small>}
                </>
              )),
            ]}
            rows={data.rows.map((row) => ({
              key: `${row.dimension}/${row.driver}`,
              header: row.driver ? `↳ ${row.driver}` : t(`dimension.${row.dimension}` as MessageKey),
              cells: row.cells.map((cell) =>
                cell.suppressed ? (
                  <SuppressedCell key={cell.value} reason={cell.reason} />
                ) : (
                  <td key={cell.value} class={`heat heat-${cell.favourable === null ? 'none' : Math.min(4, Math.floor(cell.favourable * 5))}`}>
                    {pct(cell.favourable)}
                  </td>
                ),
              ),
            }))}
          />
        </>
      )}
    </section>
  );
}

function EnpsPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const trend = useLoad(() => api<EnpsTrend>(`/analytics/enps?asOf=${asOf}`), [asOf]);
  const rounds = trend.data?.rounds ?? [];
  return (
    <section class="card wide" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('dashboard.trend')}</h2>
      <Status loaded={trend} />
      {trend.data && rounds.length === 0 && <p>{t('dashboard.noRound', { date: asOf })}</p>}
      {rounds.length > 0 && (
        <>
          <ChartView
            kind="line"
            labels={rounds.map((r) => r.closedOn)}
            series={[
              { label: t('dashboard.enps'), data: rounds.map((r) => (r.enps === null ? null : Math.round(r.enps))), color: '#1d4ed8' },
              { label: t('dashboard.participation'), data: rounds.map((r) => (r.participation === null ? null : Math.round(r.participation * 100))), color: '#b45309' },
            ]}
            summary={t('dashboard.trend')}
          />
          <DataTable
            label={t('dashboard.trend')}
            columns={[t('dashboard.survey'), t('dashboard.enps'), t('dashboard.participation')]}
            rows={rounds.map((r) => ({
              key: r.surveyId,
              header: `${r.title} (${r.closedOn})`,
              cells: [
                r.suppressed ? <SuppressedCell key="enps" reason={r.reason} /> : <td key="enps">{r.enps === null ? '—' : Math.round(r.enps)}</td>,
                <td key="participation">{pct(r.participation)}</td>,
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}
