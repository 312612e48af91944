import { Status, useApp, useLoad } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { ChartView } from './chart.tsx';
import { DataTable, SuppressedCell } from '../table.tsx';
import { pct, twelveMonthsTo } from './format.ts';

interface AttritionRates {
  headcount: number;
  departures: number;
  voluntaryRate: number | null;
  regrettableRate: number | null;
  cells: { primaryReason: string; department: string; tenureBand: string; departures: number | null; suppressed: boolean; reason: string | null }[];
}

export function AttritionPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const rates = useLoad(() => api<AttritionRates>(`/analytics/attrition-rates?asOf=${asOf}`), [asOf]);
  const data = rates.data;
  return (
    <section class="card" aria-labelledby="attrition-title">
      <h2 id="attrition-title">{t('dashboard.attrition')}</h2>
      <Status loaded={rates} />
      {data && (
        <>
          <p>{t('dashboard.attritionSummary', { headcount: data.headcount, departures: data.departures, voluntary: pct(data.voluntaryRate), regrettable: pct(data.regrettableRate) })}</p>
          <DataTable
            label={t('dashboard.attrition')}
            columns={[t('dashboard.reason'), t('dashboard.department'), t('dashboard.tenure'), t('dashboard.departures')]}
            rows={data.cells.map((c) => ({
              key: `${c.primaryReason}/${c.department}/${c.tenureBand}`,
              header: c.primaryReason,
              cells: [
                <td key="department">{c.department}</td>,
                <td key="tenure">{c.tenureBand}</td>,
                c.suppressed ? <SuppressedCell key="departures" reason={c.reason} /> : <td key="departures">{c.departures}</td>,
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}

interface OnboardingFigures {
  started: number;
  completed: number;
  completionRate: number | null;
  medianDaysToComplete: number | null;
  overdueByOwner: { owner: string; open: number; overdue: number }[];
}

export function OnboardingPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const figures = useLoad(() => api<OnboardingFigures>(`/analytics/onboarding?asOf=${asOf}`), [asOf]);
  const data = figures.data;
  const owners = data?.overdueByOwner.filter((o) => o.open > 0 || o.overdue > 0) ?? [];
  return (
    <section class="card" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('dashboard.onboarding')}</h2>
      <Status loaded={figures} />
      {data && (
        <>
          <p class="figure">{pct(data.completionRate)}</p>
          <p>{t('dashboard.onboardingSummary', { completed: data.completed, started: data.started, days: data.medianDaysToComplete ?? '—' })}</p>
          {owners.length > 0 && (
            <ChartView
              kind="bar"
              labels={owners.map((o) => o.owner)}
              series={[
                { label: t('dashboard.openTasks'), data: owners.map((o) => o.open), color: '#1d4ed8' },
                { label: t('dashboard.overdueTasks'), data: owners.map((o) => o.overdue), color: '#b91c1c' },
              ]}
              summary={t('dashboard.onboarding')}
            />
          )}
          <DataTable
            label={t('dashboard.onboarding')}
            columns={[t('dashboard.owner'), t('dashboard.openTasks'), t('dashboard.overdueTasks')]}
            rows={owners.map((o) => ({ key: o.owner, header: o.owner, cells: [<td key="open">{o.open}</td>, <td key="overdue">{o.overdue}</td>] }))}
          />
        </>
      )}
    </section>
  );
}

interface SuggestionFigures {
  categories: { category: string; submitted: number; answered: number; medianDaysToFirstAnswer: number | null; p90DaysToFirstAnswer: number | null; overdueShare: number | null }[];
}

export function SuggestionsPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const figures = useLoad(() => api<SuggestionFigures>(`/analytics/suggestions?asOf=${asOf}`), [asOf]);
  return (
    <section class="card" aria-labelledby="times-title">
      <h2 id="times-title">{t('dashboard.responseTimes')}</h2>
      <Status loaded={figures} />
      {figures.data && (
        <DataTable
          label={t('dashboard.responseTimes')}
          columns={[t('dashboard.category'), t('dashboard.answered'), t('dashboard.median'), t('dashboard.p90'), t('dashboard.overdueShare')]}
          rows={figures.data.categories.map((c) => ({
            key: c.category,
            header: t(`suggest.category.${c.category}` as MessageKey),
            cells: [
              <td key="answered">
                {c.answered}/{c.submitted}
              </td>,
              <td key="median">{c.medianDaysToFirstAnswer ?? '—'}</td>,
              <td key="p90">{c.p90DaysToFirstAnswer ?? '—'}</td>,
              <td key="overdue">{pct(c.overdueShare)}</td>,
            ],
          }))}
        />
      )}
    </section>
  );
}

interface RecognitionFigures {
  values: { month: string; valueId: string; recognitions: number }[];
  recognisedLast90Days: { employees: number; recognised: number; share: number | null };
}

export function RecognitionPanel({ asOf }: { asOf: string }) {
  const { t, api } = useApp();
  const { from, to } = twelveMonthsTo(asOf);
  const figures = useLoad(() => api<RecognitionFigures>(`/analytics/recognition?from=${from}&to=${to}&asOf=${asOf}`), [from, to, asOf]);
  const byValue = new Map<string, number>();
  for (const v of figures.data?.values ?? []) byValue.set(v.valueId, (byValue.get(v.valueId) ?? 0) + v.recognitions);
  const labels = [...byValue.keys()];
  return (
    <section class="card" aria-labelledby="values-title">
      <h2 id="values-title">{t('dashboard.values')}</h2>
      <Status loaded={figures} />
      {figures.data && <p>{t('dashboard.recognised', { share: pct(figures.data.recognisedLast90Days.share) })}</p>}
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
