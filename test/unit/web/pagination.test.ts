import { pagination } from '../../../apps/api/src/web/support/pagination';

const href = (page: number) => `/tasks?page=${page}`;

describe('pagination', () => {
  it('says which rows of how many, and links the pages around this one', () => {
    const view = pagination(3, 25, 240, href, 'tasks');
    expect(view.summary).toBe('Showing 51 to 75 of 240 tasks');
    expect(view.params?.previous).toEqual({ href: '/tasks?page=2' });
    expect(view.params?.next).toEqual({ href: '/tasks?page=4' });
    expect(view.params?.items.map((i) => ('number' in i ? i.number : '…'))).toEqual([1, 2, 3, 4, '…', 10]);
  });

  it('a list counted only so far says "more than" and asks for a filter; its pages end where the count did', () => {
    const view = pagination(1, 25, 1_000, href, 'tasks', true);
    expect(view.summary).toBe('Showing 1 to 25 of more than 1,000 tasks: use the filters to narrow the list');
    expect(view.params?.items.at(-1)).toEqual({ number: 40, href: '/tasks?page=40', current: false });
  });

  it('an empty list says so, with no pages', () => {
    expect(pagination(1, 25, 0, href, 'cases')).toEqual({ summary: 'No cases', params: null });
  });
});
