// The page's code imports the API URLs' parser from '@organizer/env/api-urls', which has no Node imports.
export { type ApiUrls, DEFAULT_API_URLS, parseApiUrl, parseApiUrls } from './api-urls.ts';
export { findRepoRoot, workspaceEnvFile } from './workspace-root.ts';
