import type { ComponentChildren, VNode } from 'preact';
import { ScrollRegion, useApp } from './context.tsx';

export interface TableRow {
  key: string;
  /** The row's header cell (th scope=row). */
  header: ComponentChildren;
  /** Its data cells: <td> elements, so a cell can carry its own class (suppressed, overdue). */
  cells: VNode[];
}

/** A data table with column and row headers, in a focusable scroll region named `label`. */
export function DataTable({ label, columns, rows, class: className }: { label: string; columns: ComponentChildren[]; rows: TableRow[]; class?: string }) {
  return (
    <ScrollRegion label={label}>
      <table class={className}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A figure withheld by the suppression rules: shown as withheld, with why on hover. */
export function SuppressedCell({ reason }: { reason: string | null }) {
  const { t } = useApp();
  return (
    <td class="suppressed" title={t('dashboard.suppressedWhy', { reason: String(reason) })}>
      {t('dashboard.suppressed')}
    </td>
  );
}
