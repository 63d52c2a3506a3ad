export { findRepoRoot, readEnv } from './read-env.ts';
