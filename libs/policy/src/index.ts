/**
 * The policy module: every deadline in ttg comes from here. Pure and deterministic (no host
 * clock, no I/O apart from `loadPolicyFile`), so activities, the API and the CLI agree.
 */
export * from './types';
export * from './errors';
export {
  BUSINESS_ZONE,
  addCalendarDays,
  addMonths,
  daysBetween,
  endOfDayInstant,
  isIsoDate,
  isIsoInstant,
  londonDateOf,
} from './dates';
export * from './calendar';
export * from './policy-version';
export * from './policy-file';
export * from './validation';
export * from './release-date';
export * from './handover';
export * from './deadlines';
export * from './deadline-plan';
export * from './first-run-plan';
export * from './late-entry';
export * from './supervision-plan';
export * from './key-dates';
export * from './readiness';
export * from './need-rules';
export { runCli, USAGE, type CliIo } from './cli';
