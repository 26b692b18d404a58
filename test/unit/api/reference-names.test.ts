import { ReferenceNames } from '../../../apps/api/src/web/support/reference-names';
import type { ReferenceRepository } from '../../../apps/api/src/web/support/reference.repository';

/** Names for codes and user ids, from an in-memory reference repository: what is asked of it, and when. */
function names(rows: { code: string; name: string }[]) {
  const calls = { codeNames: 0, displayNames: [] as string[][] };
  const repo = {
    codeNames: async () => {
      calls.codeNames += 1;
      return rows;
    },
    displayNames: async (ids: string[]) => {
      calls.displayNames.push(ids);
      return ids.filter((id) => id === 'u-1').map((id) => ({ id, display_name: 'Priya Shah' }));
    },
  } as unknown as ReferenceRepository;
  return { service: new ReferenceNames(repo), calls, rows };
}

describe('ReferenceNames', () => {
  it('describes a known code with its name, an unknown one by itself, nothing as empty', async () => {
    const { service } = names([{ code: 'LEI', name: 'HMP Leeds' }]);
    await expect(service.describe('LEI')).resolves.toBe('HMP Leeds (LEI)');
    await expect(service.describe('XYZ')).resolves.toBe('XYZ');
    await expect(service.describe(null)).resolves.toBe('');
    await expect(service.namesOf(['LEI', 'XYZ', 'LEI'])).resolves.toEqual(new Map([['LEI', 'HMP Leeds'], ['XYZ', 'XYZ']]));
  });

  it('reads the reference tables once, and again only for a code it does not know yet', async () => {
    const { service, calls, rows } = names([{ code: 'LEI', name: 'HMP Leeds' }]);
    await service.nameOf('LEI');
    await service.nameOf('LEI');
    expect(calls.codeNames).toBe(1);
    rows.push({ code: 'WDI', name: 'HMP Wakefield' });
    await expect(service.nameOf('WDI')).resolves.toBe('HMP Wakefield');
    expect(calls.codeNames).toBe(2);
    // A code the tables do not have ("unallocated") names itself without a read for every page that shows it.
    await expect(service.namesOf(['unallocated', 'LEI'])).resolves.toEqual(new Map([['unallocated', 'unallocated'], ['LEI', 'HMP Leeds']]));
    await service.namesOf(['unallocated', 'unallocated', 'WDI']);
    await expect(service.nameOf('unallocated')).resolves.toBe('unallocated');
    expect(calls.codeNames).toBe(3);
  });

  it('reads the tables once for many codes asked at the same time', async () => {
    const { service, calls } = names([{ code: 'LEI', name: 'HMP Leeds' }]);
    await service.namesOf(['LEI', 'X1', 'X2', 'X3']);
    expect(calls.codeNames).toBe(2); // the first read, and one more for the three codes it did not have
  });

  it('asks for each user once and never for no user at all', async () => {
    const { service, calls } = names([]);
    await expect(service.userNames([null, '', undefined])).resolves.toEqual(new Map());
    expect(calls.displayNames).toEqual([]);
    await expect(service.userNames(['u-1', 'u-1', 'u-2'])).resolves.toEqual(new Map([['u-1', 'Priya Shah']]));
    expect(calls.displayNames).toEqual([['u-1', 'u-2']]);
  });
});
