import type { Role } from '@ttg/contracts';

/** The signed-in user, as every use case receives it. Scope comes from here, nowhere else. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  prisonCode: string | null;
  teamCode: string | null;
  regionCode: string | null;
}
