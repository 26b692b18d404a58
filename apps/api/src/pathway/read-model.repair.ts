import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { temporalPathwayDirectory } from '../../../../activities/pathway-directory';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';
import { reconcile, type ReconcileReport } from '@ttg/persistence/reconciler';
import { checkCounters, type CounterCheckReport } from '@ttg/persistence/counter-check';
import { createDataSource } from '@ttg/persistence/data-source';
import { archiveClosedCases, archiveCutoff, type ArchiveReport } from '@ttg/persistence/archive';
import { DomainError } from '../common/domain-error';
import { Clock } from '../common/clock';
import { Settings } from '../common/settings';
import { TemporalClient } from '../common/temporal';
import { ProjectionAlertRepository, type ProjectionAlert } from './projection-alert.repository';

export type { ProjectionAlert };

/** Re-projection of a case and reconciliation of the read model with the running workflows. */
@Injectable()
export class ReadModelRepair {
  private readonly projection: ProjectionRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly temporal: TemporalClient,
    private readonly alerts: ProjectionAlertRepository,
    private readonly settings: Settings,
    private readonly clock: Clock,
  ) {
    this.projection = new ProjectionRepository(ds);
  }

  private get directory() {
    return temporalPathwayDirectory(this.temporal.client);
  }

  async reproject(caseId: string): Promise<{ caseId: string; version: number; applied: boolean }> {
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new DomainError('CASE_NOT_FOUND', `Case ${caseId} was not found`);
    const [row]: { archived: boolean }[] = await this.ds.query(`SELECT archived_at IS NOT NULL AS archived FROM cases WHERE id = $1`, [caseId]);
    if (row?.archived) throw new DomainError('INVALID_STATE', 'The case is archived: it was closed and its workflow has ended, so there is nothing to re-project');
    const state = await this.directory.stateOf(caseId);
    if (!state) throw new DomainError('CASE_NOT_FOUND', `Case ${caseId} has no workflow`);
    const result = await this.projection.reproject(state);
    if (result.duplicateOf !== undefined) throw new DomainError('CASE_ALREADY_ACTIVE', 'Another active case has this prison number', { current: result.duplicateOf ? { id: result.duplicateOf } : undefined });
    await this.alerts.resolve(caseId, state.version);
    return { caseId, version: state.version, applied: result.applied };
  }

  reconcile(): Promise<ReconcileReport> {
    return this.maintenance((ds) => reconcile(ds, new ProjectionRepository(ds), this.directory));
  }

  /** The counters against the rows they count; with `mend`, drift is added back. */
  checkCounters(mend: boolean): Promise<CounterCheckReport> {
    return this.maintenance((ds) => checkCounters(ds, { mend }));
  }

  get archiveAfterDays(): number {
    return this.settings.config.archiveAfterDays;
  }

  /** Archives the cases closed longer ago than TTG_ARCHIVE_AFTER_DAYS now (the workers also do, every 6 hours). */
  async archive(): Promise<ArchiveReport & { afterDays: number; ran: boolean }> {
    const afterDays = this.archiveAfterDays;
    if (afterDays === 0) throw new DomainError('INVALID_STATE', 'Archiving is turned off (TTG_ARCHIVE_AFTER_DAYS is 0)');
    const closedBefore = archiveCutoff(this.clock.now(), afterDays);
    return { afterDays, ...(await this.maintenance((ds) => archiveClosedCases(ds, { closedBefore }))) };
  }

  /**
   * Runs a repair that reads the whole read model on a connection of its own without the API's
   * query timeout (a counter check of a national database takes about a minute), so it neither
   * times out nor holds one of the pool's connections that requests wait for.
   */
  private async maintenance<T>(repair: (ds: DataSource) => Promise<T>): Promise<T> {
    const url = this.settings.config.database.url;
    if (!url) return repair(this.ds);
    const ds = await createDataSource(url, { poolSize: 1, applicationName: 'ttg-maintenance' }).initialize();
    try {
      return await repair(ds);
    } finally {
      await ds.destroy();
    }
  }

  openAlerts(): Promise<ProjectionAlert[]> {
    return this.alerts.open();
  }
}
