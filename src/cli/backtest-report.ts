import type { BacktestReport } from '../decision/authoring/backtest';
import { escapeUnprintable } from '../orchestration/printable-text';
import { OUTCOMES } from '../signals/model';

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * The backtest as people read it: the old × new matrix, the cases that changed, the rules that changed
 * them. Stored text (a case's caseNo from before it was checked, a policy's names) is printed with its
 * control, bidi and zero-width characters escaped, so it cannot drive the terminal or disguise itself.
 */
export function formatBacktest(report: BacktestReport, source: string, show: number): string[] {
  const lines: string[] = [];
  const { candidate } = report;
  lines.push(
    `Backtest of ${source} (policy "${candidate.name}", version ${candidate.version}, ${candidate.rules} rules) on ${n(report.cases)} stored cases` +
      ` (the latest automatic decision of each) in ${(report.elapsedMs / 1000).toFixed(2)} s`,
    '',
    'Outcomes, stored (rows) × candidate (columns):',
  );
  const width = 11;
  lines.push(['stored \\ new'.padEnd(14), ...OUTCOMES.map((o) => o.padStart(width))].join(''));
  for (const from of OUTCOMES) {
    const row = report.matrix[from];
    lines.push([from.padEnd(14), ...OUTCOMES.map((to) => n(row[to]).padStart(width))].join(''));
  }
  const outcomeChanges = report.changed.filter((c) => c.from.outcome !== c.to.outcome).length;
  lines.push('', `Changed: ${n(report.changed.length)} cases (${n(outcomeChanges)} changed outcome, ${n(report.changed.length - outcomeChanges)} changed reasons only)`);
  for (const c of report.changed.slice(0, show)) {
    lines.push(`  ${c.identityId}  caseNo ${c.caseNo}  ${c.from.outcome} [${c.from.reasons.join(', ')}] -> ${c.to.outcome} [${c.to.reasons.join(', ')}]`);
  }
  if (report.changed.length > show) lines.push(`  ... and ${n(report.changed.length - show)} more (--show N lists more)`);
  if (report.rules.length > 0) {
    lines.push('', 'Rules that caused the changes:');
    const w = Math.max(...report.rules.map((r) => r.rule.length));
    for (const r of report.rules) {
      const parts = [r.starts > 0 ? `fires in ${n(r.starts)} more` : null, r.stops > 0 ? `stops firing in ${n(r.stops)}` : null].filter(Boolean);
      lines.push(`  ${r.rule.padEnd(w)}  ${parts.join(', ')}`);
    }
  }
  return lines.map(escapeUnprintable);
}
