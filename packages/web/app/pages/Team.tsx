import { nameOf, Status, useApp, useLoad } from '../context.tsx';
import { DataTable } from '../table.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { Journey, RecognitionSummary, TimelineItem } from '../types.ts';

interface Row {
  employeeId: string;
  journey: Journey;
  summary: RecognitionSummary;
  oneToOnes: number;
}

/** A manager's reports (from the demo directory): onboarding progress, overdue tasks, recognition, one-to-ones. */
export function TeamPage() {
  const { t, api, session, directory } = useApp();
  const reports = (directory?.people ?? []).filter((p) => p.managerId === session.employeeId);
  const rowOf = async (employeeId: string): Promise<Row> => {
    const [journey, summary, timeline] = await Promise.all([
      api<Journey>(`/employees/${employeeId}/journey`),
      api<RecognitionSummary>(`/employees/${employeeId}/recognition-summary`),
      api<{ items: TimelineItem[] }>(`/employees/${employeeId}/timeline?limit=200`),
    ]);
    return { employeeId, journey, summary, oneToOnes: timeline.items.filter((i) => i.type.includes('one-to-one')).length };
  };
  const rows = useLoad(async () => {
    // Someone who has since moved to another manager is refused (403): not in this team any more.
    const all = await Promise.all(reports.map((p) => rowOf(p.employeeId).catch(() => null)));
    return all.filter((row): row is Row => row !== null);
  }, [session.employeeId, directory]);
  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">{t('team.title')}</h1>
      {reports.length === 0 ? (
        <p>{t('team.none')}</p>
      ) : (
        <>
          <Status loaded={rows} />
          {rows.data && (
            <DataTable
              label={t('team.title')}
              columns={[t('team.person'), t('team.stage'), t('team.progress'), t('team.overdue'), t('team.recognition'), t('team.oneToOnes')]}
              rows={rows.data.map((row) => {
                const progress = row.journey.onboarding?.progress;
                const overdue = row.journey.onboarding?.overdueTasks.length ?? 0;
                return {
                  key: row.employeeId,
                  header: nameOf(directory, row.employeeId),
                  cells: [
                    <td key="stage">{t(`stage.${row.journey.stage}` as MessageKey)}</td>,
                    <td key="progress">
                      {progress ? (
                        <>
                          <progress max={progress.total} value={progress.done} aria-label={`${progress.done}/${progress.total}`} /> {progress.done}/{progress.total}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>,
                    <td key="overdue" class={overdue > 0 ? 'overdue-count' : ''}>
                      {overdue}
                    </td>,
                    <td key="recognition">{row.summary.received.last30Days}</td>,
                    <td key="one-to-ones">{row.oneToOnes}</td>,
                  ],
                };
              })}
            />
          )}
        </>
      )}
    </section>
  );
}
