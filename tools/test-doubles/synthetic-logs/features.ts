import { hash32 } from './prng.js';
import { NOUNS, VERBS, repoProfile } from './repo-profiles.js';

/**
 * A feature's identity is a function of repo, task and feature id only, so the same feature has the
 * same name in every run and arm (as in the real dataset, where feature.md is fixed).
 */
export interface FeatureInfo {
  id: number;
  noun: string;
  verb: string;
  title: string;
}

export function featureInfo(repo: string, taskId: number, featureId: number): FeatureInfo {
  const h = hash32(`${repo}/${taskId}/${featureId}`);
  const noun = NOUNS[h % NOUNS.length]!;
  const verb = VERBS[(h >>> 8) % VERBS.length]!;
  const project = repoProfile(repo).project;
  const kind = ['support', 'option', 'validation', 'parameter', 'hook'][(h >>> 16) % 5]!;
  return { id: featureId, noun, verb, title: `feat(${project}): add ${noun.replace(/_/g, ' ')} ${kind} to ${verb}` };
}

export function camel(word: string): string {
  return word.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}
