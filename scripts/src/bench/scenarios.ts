import type { ScenarioName } from './report-types.ts';

export interface Scenario {
  name: ScenarioName;
  label: string;
  path: string;
  expectedStatus: number;
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  health: { name: 'health', label: 'GET /health (open, the ceiling)', path: '/health', expectedStatus: 200 },
  reused: { name: 'reused', label: 'one token reused', path: '/api/contacts', expectedStatus: 200 },
  distinct: { name: 'distinct', label: 'a new token every request', path: '/api/contacts', expectedStatus: 200 },
  'bad-signature': { name: 'bad-signature', label: 'invalid signature (401)', path: '/api/contacts', expectedStatus: 401 },
  'unknown-kid': { name: 'unknown-kid', label: 'unknown kid (401)', path: '/api/contacts', expectedStatus: 401 },
};

/** The scenarios measured in interleaved rounds; unknown-kid runs after them (it may refetch keys). */
export const ROUND_SCENARIOS: readonly ScenarioName[] = ['health', 'reused', 'distinct', 'bad-signature'];

/** Round r starts at a different scenario, so no scenario always runs right after the same one. */
export function roundOrder(round: number, scenarios: readonly ScenarioName[] = ROUND_SCENARIOS): ScenarioName[] {
  const n = scenarios.length;
  return scenarios.map((_, i) => scenarios[(i + round) % n] as ScenarioName);
}
