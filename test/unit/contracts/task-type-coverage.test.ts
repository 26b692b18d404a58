import { outcomeSchemas, TASK_CATALOGUE, TASK_TYPES } from '@ttg/contracts';
import { TRANSITIONS } from '../../../workflows/pathway/transitions';

/** A task type is added in one catalogue entry; everything keyed by task type must follow it. */
describe('task type coverage', () => {
  it('derives the task types from the catalogue, in its order, with no repeats', () => {
    expect(TASK_TYPES).toEqual(Object.keys(TASK_CATALOGUE));
    expect(TASK_TYPES.slice(0, 3)).toEqual(['CUSTODY_SCREENING', 'RISK_SCREENING', 'DOMESTIC_ABUSE_CHECK']);
    expect(TASK_TYPES[TASK_TYPES.length - 1]).toBe('CLOSURE');
    expect(new Set(TASK_TYPES).size).toBe(TASK_TYPES.length);
  });

  it('gives the outcome schemas and the transitions exactly the catalogue task types', () => {
    const catalogue = [...TASK_TYPES].sort();
    expect(Object.keys(outcomeSchemas).sort()).toEqual(catalogue);
    expect(Object.keys(TRANSITIONS).sort()).toEqual(catalogue);
  });

  it('uses each catalogue entry\'s own outcome schema', () => {
    for (const t of TASK_TYPES) expect(outcomeSchemas[t]).toBe(TASK_CATALOGUE[t].outcome);
    expect(outcomeSchemas.CLOSURE.safeParse({ summary: 'Supervision completed' }).success).toBe(true);
    expect(outcomeSchemas.CLOSURE.safeParse({}).success).toBe(false);
  });

  it('has a transition function for every task type', () => {
    for (const t of TASK_TYPES) expect(typeof TRANSITIONS[t]).toBe('function');
  });
});
