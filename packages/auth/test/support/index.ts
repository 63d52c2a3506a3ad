// Transitional: test/token-cache.test.ts still imports the helpers from here; they live in src/testing.
export * from '../../src/testing/index.ts';
