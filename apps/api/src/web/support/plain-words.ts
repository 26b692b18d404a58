import { roleEntry, ROLES, type Role } from '@ttg/contracts';
import { SENTENCE_TYPES } from '@ttg/policy';
import { datesInWords } from './format';
import { ROLE_LABELS, humanise } from './labels';

const isRole = (code: string): code is Role => (ROLES as readonly string[]).includes(code);

/** Codes in a message: `SOME_CODE`, and the roles and sentence types of one word (`ADMIN`, `DETERMINATE`). */
const ONE_WORD_CODES = [...ROLES, ...SENTENCE_TYPES].filter((c) => !c.includes('_'));
const CODES = new RegExp(`\\b[A-Z]+(?:_[A-Z]+)+\\b|\\b(?:${ONE_WORD_CODES.join('|')})\\b`, 'g');

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "conditionalReleaseDate" or "sentence.conditionalReleaseDate" → "Conditional release date". */
export function fieldWords(field: string): string {
  const last = field.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? field;
  return humanise(last.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

/**
 * A message from the service as a caseworker reads it: no role or status constants, no field
 * names, no codes in front, dates in words. ("This needs one of the roles MANAGER, ADMIN; you are
 * PRISON_STAFF" → "Only managers and administrators can do this.")
 */
export function plainWords(message: string): string {
  const roles = /^This needs one of the roles ([A-Z_, ]+); you are [A-Z_]+$/.exec(message);
  if (roles) return `Only ${joinWords(roles[1].split(/,\s*/).filter(isRole).map((r) => roleEntry(r).plural))} can do this.`;
  return datesInWords(
    message
      .replace(/^[A-Z]+(?:_[A-Z]+)+:\s*/, '')
      .replace(/(^|;\s*)([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9]+)*): /g, (_m, lead: string, field: string) => `${lead}${fieldWords(field)}: `)
      // A field named within the sentence ("before sentenceStartDate"): its words, in lower case.
      .replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, (field) => fieldWords(field).toLowerCase())
      .replace(CODES, (code) => (isRole(code) ? ROLE_LABELS[code].toLowerCase() : humanise(code).toLowerCase())),
  );
}
