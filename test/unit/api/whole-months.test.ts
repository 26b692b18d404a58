import { wholeMonths } from '../../../apps/api/src/reports/report.repository';
import { examples } from '../../support/examples';

/** The whole calendar months of a report's window, read from the month counters; the days outside them from the day counters. */
examples('wholeMonths', ([from, last]: [string, string]) => wholeMonths(from, last), [
  [['2025-12-01', '2026-12-07'], { start: '2025-12-01', end: '2026-12-01' }],
  [['2025-12-07', '2026-12-07'], { start: '2026-01-01', end: '2026-12-01' }],
  [['2025-12-07', '2026-11-30'], { start: '2026-01-01', end: '2026-12-01' }],
  [['2026-02-01', '2026-02-28'], { start: '2026-02-01', end: '2026-03-01' }],
  [['2024-02-01', '2024-02-28'], null], // a leap year's February is not over on the 28th
  [['2026-11-02', '2026-12-30'], null],
  [['2026-12-07', '2026-12-07'], null],
  [['1900-01-01', '2026-12-07'], { start: '1900-01-01', end: '2026-12-01' }],
]);
