export { readEnv, findRepoRoot } from './read-env.ts';
export { ConfigError, requireUrl, optionalPort } from './config-error.ts';
