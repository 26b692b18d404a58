import { PATHWAYS, type PathwayStartInput, type PathwayState } from '../../libs/contracts/src';
import type { KeyDatesResult } from '../../activities/pathway-activities.types';

/** A new case's state on reception: in custody screening, with its key dates and nothing yet done. */
export function initialState(input: PathwayStartInput, kd: KeyDatesResult): PathwayState {
  return {
    caseId: input.caseId,
    version: 0,
    policyVersionId: kd.policyVersionId,
    prisonCode: input.prisonCode,
    regionCode: input.regionCode,
    sentence: input.sentence,
    stage: 'CUSTODY_SCREENING',
    keyDates: kd.keyDates,
    compressed: kd.compressed,
    needs: {},
    pathways: Object.fromEntries(PATHWAYS.map((p) => [p, 'NOT_STARTED'])) as PathwayState['pathways'],
    tasks: [],
    scheduled: [],
    handover: {
      handoverDate: kd.keyDates.handoverDate,
      comResponsibleFromStart: kd.keyDates.comResponsibleFromStart,
      status: 'NOT_DUE',
      comUserId: null,
      comTeamCode: null,
      acceptedAt: null,
      prisonAccessUntil: null,
      sentBackReason: null,
      allocationOverdue: false,
      allocationEscalated: false,
    },
    risk: { roshLevel: null, domesticAbuse: null, safeguarding: null, riskManagementPlan: null, homeVisitRequired: false },
    prerelease: { releaseAddress: null, licenceConditions: [], provisionalFirstAppointment: null },
    release: null,
    supervision: null,
    outcomes: [],
    closedAt: null,
    closureSummary: null,
    seq: { task: 0, event: 0 },
  };
}
