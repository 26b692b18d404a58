import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY, loadPolicyFile, loadPolicyVersion, selectPolicy, type IsoDate, type PolicyVersion } from '@ttg/policy';

/**
 * The policy versions a deployment knows: the built-in default, an optional policy file and the
 * versions administrators stored in PostgreSQL. A case keeps the version it started on.
 */
export class PolicyCatalogue {
  private readonly versions = new Map<string, PolicyVersion>();
  /** When the stored versions were last read (ms since the epoch). */
  private readAt = 0;

  constructor(
    versions: PolicyVersion[] = [DEFAULT_POLICY],
    private readonly source: DataSource | null = null,
  ) {
    for (const v of versions) this.versions.set(v.id, v);
  }

  /** Picks up versions an administrator stored since they were last read (only those: versions never change). */
  async refresh(): Promise<void> {
    if (!this.source) return;
    const readAt = Date.now();
    const rows: { document: unknown }[] = await this.source.query(`SELECT document FROM policy_versions WHERE id <> ALL($1) ORDER BY effective_from`, [[...this.versions.keys()]]);
    for (const r of rows) this.add(loadPolicyVersion(r.document));
    this.readAt = readAt;
  }

  /**
   * Refreshes unless the stored versions were read within `maxAgeMs`: a version another
   * instance stored is seen within that time (the same as a reception that moment earlier).
   */
  async fresh(maxAgeMs: number): Promise<void> {
    if (Date.now() - this.readAt >= maxAgeMs) await this.refresh();
  }

  async ensure(id: string): Promise<void> {
    if (!this.versions.has(id)) await this.refresh();
  }

  static async load(ds: DataSource | null, policyFile?: string): Promise<PolicyCatalogue> {
    const versions: PolicyVersion[] = [DEFAULT_POLICY];
    if (policyFile) versions.push(loadPolicyFile(policyFile));
    if (ds) {
      const rows: { document: unknown }[] = await ds.query(`SELECT document FROM policy_versions ORDER BY effective_from`);
      for (const r of rows) versions.push(loadPolicyVersion(r.document));
    }
    return new PolicyCatalogue(versions, ds);
  }

  add(version: PolicyVersion): void {
    this.versions.set(version.id, version);
  }

  all(): PolicyVersion[] {
    return [...this.versions.values()];
  }

  byId(id: string): PolicyVersion {
    const v = this.versions.get(id);
    if (!v) throw new Error(`Policy version ${id} is not known to this deployment`);
    return v;
  }

  current(onDate: IsoDate): PolicyVersion {
    return selectPolicy(this.all(), onDate);
  }
}
