import { readFileSync } from 'node:fs';
import { PolicyValidationError } from './errors';
import { loadPolicyVersion, type PolicyVersion } from './policy-version';

/** The one I/O function of the policy module: a policy version from a JSON file. */
export function loadPolicyFile(path: string): PolicyVersion {
  const prefix = `policy file ${path}: `;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyValidationError('file', `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, undefined, prefix);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PolicyValidationError('file', `is not valid JSON (${(err as Error).message})`, undefined, prefix);
  }
  return loadPolicyVersion(json, prefix);
}
