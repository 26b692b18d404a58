import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AssignTaskCommand,
  BreachCommand,
  ChangeOfCircumstancesCommand,
  ChangeReleaseDatesCommand,
  ClaimTaskCommand,
  CloseCaseCommand,
  CommandResult,
  CompleteTaskCommand,
  EarlierReleaseCommand,
  PathwayState,
  ReallocateComCommand,
  RecallCommand,
  RecordContactCommand,
  ReleaseTaskCommand,
  ReReleaseCommand,
  TerminateLicenceCommand,
  TransferCommand,
  UnlawfullyAtLargeCommand,
} from './pathway';
import type { AddNeedActionCommand, AddNeedCommand, ChangeNeedStatusCommand } from './needs';

/**
 * The pathway workflow's messages: the workflow registers handlers for these definitions and
 * the API sends them (`defineUpdate` only names a message, so it is safe outside workflows).
 * The names are part of every recorded history: never rename one.
 */
export const claimTask = defineUpdate<CommandResult, [ClaimTaskCommand]>('claimTask');
export const releaseTask = defineUpdate<CommandResult, [ReleaseTaskCommand]>('releaseTask');
export const assignTask = defineUpdate<CommandResult, [AssignTaskCommand]>('assignTask');
export const completeTask = defineUpdate<CommandResult, [CompleteTaskCommand]>('completeTask');
export const changeReleaseDates = defineUpdate<CommandResult, [ChangeReleaseDatesCommand]>('changeReleaseDates');
export const transfer = defineUpdate<CommandResult, [TransferCommand]>('transfer');
export const recordContact = defineUpdate<CommandResult, [RecordContactCommand]>('recordContact');
export const changeOfCircumstances = defineUpdate<CommandResult, [ChangeOfCircumstancesCommand]>('changeOfCircumstances');
export const recordBreach = defineUpdate<CommandResult, [BreachCommand]>('recordBreach');
export const recall = defineUpdate<CommandResult, [RecallCommand]>('recall');
export const reRelease = defineUpdate<CommandResult, [ReReleaseCommand]>('reRelease');
export const closeCase = defineUpdate<CommandResult, [CloseCaseCommand]>('closeCase');
export const reallocateCom = defineUpdate<CommandResult, [ReallocateComCommand]>('reallocateCom');
export const terminateLicence = defineUpdate<CommandResult, [TerminateLicenceCommand]>('terminateLicence');
export const recordUnlawfullyAtLarge = defineUpdate<CommandResult, [UnlawfullyAtLargeCommand]>('recordUnlawfullyAtLarge');
export const requestEarlierRelease = defineUpdate<CommandResult, [EarlierReleaseCommand]>('requestEarlierRelease');
export const addNeed = defineUpdate<CommandResult, [AddNeedCommand]>('addNeed');
export const changeNeedStatus = defineUpdate<CommandResult, [ChangeNeedStatusCommand]>('changeNeedStatus');
export const addNeedAction = defineUpdate<CommandResult, [AddNeedActionCommand]>('addNeedAction');
/** Answers once the case's first state is projected (used right after start). */
export const sync = defineUpdate<CommandResult, [Record<string, never>]>('sync');
export const getState = defineQuery<PathwayState>('getState');

/** Every Update the pathway accepts, by name. */
export const PATHWAY_UPDATES = {
  claimTask,
  releaseTask,
  assignTask,
  completeTask,
  changeReleaseDates,
  transfer,
  recordContact,
  changeOfCircumstances,
  recordBreach,
  recall,
  reRelease,
  closeCase,
  reallocateCom,
  sync,
  terminateLicence,
  recordUnlawfullyAtLarge,
  requestEarlierRelease,
  addNeed,
  changeNeedStatus,
  addNeedAction,
} as const;

/** Each Update's argument by name, read off the definitions above. */
export type PathwayUpdates = { [N in keyof typeof PATHWAY_UPDATES]: (typeof PATHWAY_UPDATES)[N] extends UpdateDefinition<CommandResult, [infer A]> ? A : never };
