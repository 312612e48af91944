import { useState } from 'preact/hooks';
import { Status, useApp, useLoad } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { GroupResult, Journey, Suppressed, SurveyResults } from '../types.ts';
import { ChartView } from './chart.tsx';

const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);
const isSuppressed = (r: GroupResult | Suppressed): r is Suppressed => r.suppressed;
const monthOf = (day: string) => day.slice(0, 7);
const monthsBefore = (day: string, n: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/** The experience dashboard for HR: every figure from the API's suppressed analytics, as of a chosen day. */
export default function DashboardPage() {
  const { t } = useApp();
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <p>
        <label for="as-of">{t('dashboard.asOf')}</label>{' '}
        <input id="as-of" type="date" value={asOf} max={new Date().toISOString().slice(0, 10)} onChange={(e) => setAsOf((e.target as HTMLInputElement).value || asOf)} />
      </p>
      <SurveyHeatmap />
      <div class="grid">
        <Attrition asOf={asOf} />
        <OnboardingCompletion />
        <ResponseTimes />
        <RecognitionValues asOf={asOf} />
      </div>
    </section>
  );
}

function SurveyHeatmap() {
  const { t, api, directory } = useApp();
  const results = useLoad(async () => {
    const all = await Promise.all((directory?.surveyIds ?? []).map((id) => api<SurveyResults>(`/surveys/${id}/results`).catch(() => null)));
    return all.filter((r): r is SurveyResults => r !== null && r.status === 'closed').sort((a, b) => String(a.closedOn).localeCompare(String(b.closedOn)));
  }, [directory]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!results.data) return <Status loaded={results} />;
  const rounds = results.data;
  const current = rounds.find((r) => r.surveyId === chosen) ?? rounds.at(-1);
  if (!current) return <p>{t('app.none')}</p>;
  const overall = isSuppressed(current.overall) ? null : current.overall;
  const dimensions = overall?.dimensions.map((d) => d.dimension) ?? [];
  const rows: { label: string; result: GroupResult | Suppressed }[] = [{ label: t('dashboard.overall'), result: current.overall }, ...current.segments.map((s) => ({ label: `${s.attribute}: ${s.value}`, result: s.result }))];
  const trend = rounds.map((r) => (isSuppressed(r.overall) ? null : r.overall));
  return (
    <>
      <section class="card wide" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t('dashboard.heatmap')}</h2>
        <label for="survey">{t('dashboard.survey')}</label>{' '}
        <select id="survey" value={current.surveyId} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
          {rounds.map((r) => (
            <option key={r.surveyId} value={r.surveyId}>
              {r.closedOn} ({r.surveyId.slice(0, 8)})
            </option>
          ))}
        </select>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('dashboard.heatmap')}>
          <table class="heatmap">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.segment')}</th>
                {dimensions.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ label, result }) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {isSuppressed(result) ? (
                    <td colSpan={Math.max(1, dimensions.length)} class="suppressed" title={t('dashboard.suppressedWhy', { reason: result.reason })}>
                      {t('dashboard.suppressed')} <span class="reason">({result.reason})</span>
                    </td>
                  ) : (
                    dimensions.map((d) => {
                      const share = result.dimensions.find((x) => x.dimension === d)?.favourable ?? null;
                      return (
                        <td key={d} class={`heat heat-${share === null ? 'none' : Math.min(4, Math.floor(share * 5))}`}>
                          {pct(share)}
                        </td>
                      );
                    })
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card wide" aria-labelledby="trend-title">
        <h2 id="trend-title">{t('dashboard.trend')}</h2>
        <ChartView
          kind="line"
          labels={rounds.map((r) => String(r.closedOn))}
          series={[
            { label: t('dashboard.enps'), data: trend.map((o) => o?.enps ?? null), color: '#1d4ed8' },
            { label: t('dashboard.participation'), data: trend.map((o) => (o ? Math.round(o.responseRate * 100) : null)), color: '#b45309' },
          ]}
          summary={t('dashboard.trend')}
        />
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.survey')}</th>
              <th scope="col">{t('dashboard.enps')}</th>
              <th scope="col">{t('dashboard.participation')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r, i) => (
              <tr key={r.surveyId}>
                <th scope="row">{r.closedOn}</th>
                <td>{trend[i]?.enps === null || trend[i] === null ? '—' : Math.round(trend[i]!.enps!)}</td>
                <td>{trend[i] ? pct(trend[i]!.responseRate) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

interface AttritionAnswer {
  companyDepartures: number;
  suppressed: string | null;
  groups: { key: { primaryReason?: string }; departures: number | null; suppressed: string | null }[];
}

function Attrition({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const to = monthOf(asOf);
  const from = monthsBefore(asOf, 11);
  const answer = useLoad(() => api<AttritionAnswer>(`/analytics/attrition?from=${from}&to=${to}&groupBy=primaryReason`), [from, to]);
  const groups = answer.data?.groups ?? [];
  return (
    <section class="card" aria-labelledby="attrition-title">
      <h2 id="attrition-title">{t('dashboard.attrition')}</h2>
      <Status loaded={answer} />
      {groups.length > 0 && (
        <ChartView
          kind="bar"
          labels={groups.map((g) => g.key.primaryReason ?? '?')}
          series={[{ label: t('dashboard.departures'), data: groups.map((g) => g.departures), color: '#7c3aed' }]}
          summary={t('dashboard.attrition')}
        />
      )}
      {answer.data && <p>{t('dashboard.companyDepartures', { n: answer.data.companyDepartures })}</p>}
      {answer.data?.suppressed && <p class="suppressed-inline">{t('dashboard.suppressedWhy', { reason: answer.data.suppressed })}</p>}
      <ul>
        {groups.map((g) => (
          <li key={g.key.primaryReason}>
            {g.key.primaryReason}: {g.suppressed ? <span class="suppressed-inline">{t('dashboard.suppressed')}</span> : g.departures}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OnboardingCompletion() {
  const { t, api, directory } = useApp();
  const totals = useLoad(async () => {
    const journeys = await Promise.all((directory?.people ?? []).map((p) => api<Journey>(`/employees/${p.employeeId}/journey`).catch(() => null)));
    const onboarding = journeys.filter((j): j is Journey => j?.stage === 'onboarding' && j.onboarding !== null);
    return {
      people: onboarding.length,
      done: onboarding.reduce((n, j) => n + j.onboarding!.progress.requiredDone, 0),
      total: onboarding.reduce((n, j) => n + j.onboarding!.progress.requiredTotal, 0),
    };
  }, [directory]);
  return (
    <section class="card" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('dashboard.onboarding')}</h2>
      <Status loaded={totals} />
      {totals.data && (
        <>
          <p class="figure">{pct(totals.data.total ? totals.data.done / totals.data.total : null)}</p>
          <p>{t('dashboard.onboardingCounts', totals.data)}</p>
        </>
      )}
    </section>
  );
}

function ResponseTimes() {
  const { t, api } = useApp();
  const times = useLoad(() => api<{ categories: { category: string; answered: number; open: number; medianDays: number | null }[] }>('/suggestions/response-times'), []);
  return (
    <section class="card" aria-labelledby="times-title">
      <h2 id="times-title">{t('dashboard.responseTimes')}</h2>
      <Status loaded={times} />
      {times.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('dashboard.responseTimes')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.category')}</th>
              <th scope="col">{t('dashboard.answered')}</th>
              <th scope="col">{t('dashboard.open')}</th>
              <th scope="col">{t('dashboard.median')}</th>
            </tr>
          </thead>
          <tbody>
            {times.data.categories.map((c) => (
              <tr key={c.category}>
                <th scope="row">{t(`suggest.category.${c.category}` as MessageKey)}</th>
                <td>{c.answered}</td>
                <td>{c.open}</td>
                <td>{c.medianDays ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function RecognitionValues({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const to = monthOf(asOf);
  const from = monthsBefore(asOf, 11);
  const answer = useLoad(() => api<{ values: { valueId: string; recognitions: number }[] }>(`/analytics/recognition-values?from=${from}&to=${to}`), [from, to]);
  const byValue = new Map<string, number>();
  for (const v of answer.data?.values ?? []) byValue.set(v.valueId, (byValue.get(v.valueId) ?? 0) + v.recognitions);
  const labels = [...byValue.keys()];
  return (
    <section class="card" aria-labelledby="values-title">
      <h2 id="values-title">{t('dashboard.values')}</h2>
      <Status loaded={answer} />
      {labels.length > 0 && <ChartView kind="bar" labels={labels} series={[{ label: t('dashboard.recognitions'), data: labels.map((l) => byValue.get(l)!), color: '#047857' }]} summary={t('dashboard.values')} />}
      <ul>
        {labels.map((l) => (
          <li key={l}>
            {l}: {byValue.get(l)}
          </li>
        ))}
      </ul>
    </section>
  );
}
