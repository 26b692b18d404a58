import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Imports1764000000001 } from './1764000000001-imports';
import { BenchIndexes1764000000002 } from './1764000000002-bench-indexes';
import { ManagerScopeIndexes1764000000003 } from './1764000000003-manager-scope-indexes';
import { NeedsAndOutcomes1764000000010 } from './1764000000010-needs-and-outcomes';
import { PersonSex1764000000011 } from './1764000000011-person-sex';
import { FencedProjection1764000000020 } from './1764000000020-fenced-projection';
import { TokenVersion1764000000040 } from './1764000000040-token-version';
import { RegionNames1764000000050 } from './1764000000050-region-names';
import { ReadCounters1764000000060 } from './1764000000060-read-counters';
import { NoCompressedNotes1764000000071 } from './1764000000071-no-compressed-notes';
import { TemporaryPasswords1764000000072 } from './1764000000072-temporary-passwords';
import { RefreshTokens1764000000080 } from './1764000000080-refresh-tokens';
import { OutcomeCounters1764000000091 } from './1764000000091-outcome-counters';
import { Archive1764000000100 } from './1764000000100-archive';
import { OutcomeMonthCounters1764000000101 } from './1764000000101-outcome-month-counters';
import { ResettlementCounters1764000000102 } from './1764000000102-resettlement-counters';
import { RecalledOffReleaseList1764000000105 } from './1764000000105-recalled-off-release-list';
import { NotificationQueues1764000000106 } from './1764000000106-notification-queues';
import { ResettlementMonthCounters1764000000107 } from './1764000000107-resettlement-month-counters';
import { PrisonCaseloadOrder1764000000108 } from './1764000000108-prison-caseload-order';

/** Every migration, in order. TypeORM runs the ones not yet recorded; never `synchronize`. */
export const MIGRATIONS = [InitialSchema1764000000000, Imports1764000000001, BenchIndexes1764000000002, ManagerScopeIndexes1764000000003, NeedsAndOutcomes1764000000010, PersonSex1764000000011, FencedProjection1764000000020, TokenVersion1764000000040, RegionNames1764000000050, ReadCounters1764000000060, NoCompressedNotes1764000000071, TemporaryPasswords1764000000072, RefreshTokens1764000000080, OutcomeCounters1764000000091, Archive1764000000100, OutcomeMonthCounters1764000000101, ResettlementCounters1764000000102, RecalledOffReleaseList1764000000105, NotificationQueues1764000000106, ResettlementMonthCounters1764000000107, PrisonCaseloadOrder1764000000108];
