import { Injectable } from '@nestjs/common';
import { ReferenceRepository } from './reference.repository';

/** Names of prisons, probation teams and regions, for people to read instead of codes (cached; reference data). */
@Injectable()
export class ReferenceNames {
  private names: Map<string, string> | null = null;

  constructor(private readonly reference: ReferenceRepository) {}

  private async load(): Promise<Map<string, string>> {
    const rows = await this.reference.codeNames();
    this.names = new Map(rows.map((r) => [r.code, r.name]));
    return this.names;
  }

  async nameOf(code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const names = this.names ?? (await this.load());
    return names.get(code) ?? (await this.load()).get(code) ?? code;
  }

  /** Names by code, for a page's rows (a code that is not known names itself). */
  async namesOf(codes: Iterable<string>): Promise<Map<string, string>> {
    return new Map(await Promise.all([...new Set(codes)].map(async (c) => [c, (await this.nameOf(c)) ?? c] as const)));
  }

  /** "HMP Leeds (LEI)", or the code alone when it is not known. */
  async describe(code: string | null | undefined): Promise<string> {
    if (!code) return '';
    const name = await this.nameOf(code);
    return name && name !== code ? `${name} (${code})` : code;
  }

  /** Display names of users by id (for assignees and actors); unknown ids are left out. */
  async userNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
    if (!wanted.length) return new Map();
    const rows = await this.reference.displayNames(wanted);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  prisons(): Promise<{ code: string; name: string; regionCode: string }[]> {
    return this.reference.prisons();
  }

  teams(): Promise<{ code: string; name: string }[]> {
    return this.reference.teams();
  }
}
