export { readEnv, findRepoRoot } from './read-env.ts';
