import { useTranslation } from 'react-i18next';
import type { DatasetPreview } from '../../../core/api/contract';
import { problemLine } from '../ui/error-text';
import { Table } from '../ui/Table';

/** Rows shown at most; the count says how many more there are. */
const SHOWN = 50;

/** A CSV's rows left out of the data set: line, column, the cell as written and why. */
export function SkippedRows({ skipped }: { skipped: DatasetPreview['skipped'] }) {
  const { t, i18n } = useTranslation();
  return (
    <details className="data-skipped" open data-testid="data-skipped">
      <summary>{t('ui-try:table.skippedRows', { count: skipped.length })}</summary>
      <p className="train-hint">{t('ui-try:table.skippedHint')}</p>
      <Table
        className="data-table data-skipped__rows"
        testId="data-skipped-rows"
        columns={[t('ui-try:table.line'), t('ui-try:table.column'), t('ui-try:table.cell'), t('ui-try:table.why')]}
      >
        {skipped.slice(0, SHOWN).map((s) => (
          <tr key={s.line}>
            <td>{s.line}</td>
            <td>{s.column ?? t('ui-try:table.wholeRow')}</td>
            <td>{s.value === undefined ? '' : s.value === '' ? t('ui-try:table.empty') : <code>{s.value}</code>}</td>
            <td>{problemLine(s.reason, i18n.language)}</td>
          </tr>
        ))}
      </Table>
      {skipped.length > SHOWN && <p>{t('ui-try:table.moreRows', { count: skipped.length - SHOWN })}</p>}
    </details>
  );
}
