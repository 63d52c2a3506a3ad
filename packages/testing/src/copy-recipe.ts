import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** One fenced code block of a copy recipe: its language tag (`sh`, `ts`, …) and its text. */
export interface RecipeBlock {
  readonly lang: string;
  readonly body: string;
}

/** The fenced code blocks between `<!-- copy: NAME -->` and `<!-- /copy -->` in a README, in order. */
export async function copyRecipeBlocks(readmeFile: string, name: string): Promise<RecipeBlock[]> {
  const readme = await readFile(readmeFile, 'utf8');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const recipe = new RegExp(`<!-- copy: ${escaped} -->\\n([\\s\\S]*?)<!-- \\/copy -->`).exec(readme)?.[1];
  if (recipe === undefined)
    throw new Error(`${basename(readmeFile)} has no <!-- copy: ${name} --> … <!-- /copy --> section`);
  return [...recipe.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1] ?? '',
    body: match[2] ?? '',
  }));
}

/** The environment of a reader's shell: without what pnpm and vitest add for their own children. */
export function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|PNPM_|VITEST|NODE_OPTIONS$)/i.test(name)),
  );
  return { ...env, ...extra };
}
