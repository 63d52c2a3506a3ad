import type { DevPlan } from './dev-plan.ts';

const bold = (text: string, color: boolean) => (color ? `\x1b[1m${text}\x1b[22m` : text);
const green = (text: string, color: boolean) => (color ? `\x1b[32m${text}\x1b[39m` : text);

/** The one message `pnpm dev` prints once every part answers. */
export function readyBanner(
  plan: DevPlan,
  seconds: number,
  color: boolean,
  partSeconds: readonly number[] = [],
): string {
  const lines = [
    '',
    green(
      `✔ Organizer is ready (${seconds.toFixed(1)} s). Open ${bold(plan.appUrl, color)} and click "Log in".`,
      color,
    ),
  ];
  if (plan.demoLogins.length > 0) {
    lines.push(`  Demo logins (local tenant ${plan.issuer}):`);
    const width = Math.max(...plan.demoLogins.map((login) => `${login.email} / ${login.password}`.length));
    for (const login of plan.demoLogins) {
      lines.push(`    ${`${login.email} / ${login.password}`.padEnd(width)}  ${login.scopes.join(', ')}`);
    }
  } else {
    lines.push(`  Sign in with a user of your ${plan.tenantLabel}.`);
  }
  const took = (index: number) => (partSeconds[index] === undefined ? '' : ` (${partSeconds[index].toFixed(1)} s)`);
  lines.push(`  Running: ${plan.parts.map((part, index) => `${part.name} :${part.port}${took(index)}`).join(' · ')}`);
  lines.push('  Press Ctrl-C to stop everything.', '');
  return lines.join('\n');
}
