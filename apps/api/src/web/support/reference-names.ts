import { Injectable } from '@nestjs/common';
import { ReferenceRepository } from './reference.repository';

/** How long a code the reference tables did not have is taken as unknown before they are read again for it. */
const UNKNOWN_FOR_MS = 5 * 60_000;

/** Names of prisons, probation teams and regions, for people to read instead of codes (cached; reference data). */
@Injectable()
export class ReferenceNames {
  private names: Promise<Map<string, string>> | null = null;
  /** Codes a fresh read did not have (such as "unallocated"): not read again for each page that shows one. */
  private unknown = new Set<string>();
  private unknownSince = 0;

  constructor(private readonly reference: ReferenceRepository) {}

  /** The names, read once and shared by concurrent callers; `fresh` reads them again (one read for all who ask meanwhile). */
  private load(fresh = false): Promise<Map<string, string>> {
    if (this.names && !fresh) return this.names;
    const loading = this.reference.codeNames().then((rows) => new Map(rows.map((r) => [r.code, r.name])));
    this.names = loading.catch((err: unknown) => {
      this.names = null; // a failed read is not kept: the next caller tries again
      throw err;
    });
    this.reloading = this.names.finally(() => {
      this.reloading = null;
    });
    return this.names;
  }

  private reloading: Promise<Map<string, string>> | null = null;

  async nameOf(code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const known = (await this.load()).get(code);
    if (known !== undefined) return known;
    if (Date.now() - this.unknownSince > UNKNOWN_FOR_MS) {
      this.unknown.clear();
      this.unknownSince = Date.now();
    }
    if (this.unknown.has(code)) return code;
    const fresh = await (this.reloading ?? this.load(true));
    if (!fresh.has(code)) this.unknown.add(code);
    return fresh.get(code) ?? code;
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
