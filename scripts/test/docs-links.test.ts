import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README and docs/ are the way into the sample: a dead link, a renamed heading or a command that no
// package.json defines is a dead end for a reader, so every page is checked here.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (page: string) => readFileSync(join(root, page), 'utf8');

const COPY_OPEN = '<!-- copy: protect-your-service -->';
const COPY_CLOSE = '<!-- /copy -->';

interface Parsed {
  /** Text outside fenced blocks and inline code, where links are read. */
  prose: string;
  /** Contents of fenced blocks and inline code spans, where commands are read. */
  code: string[];
  /** GitHub's anchors for the page's headings. */
  anchors: Set<string>;
}

/** GitHub's heading anchor: lower case, punctuation dropped (not - or _), spaces to hyphens. */
function slug(heading: string): string {
  const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function parse(markdown: string): Parsed {
  const code: string[] = [];
  const outside: string[] = [];
  let fence: string | undefined;
  let block: string[] = [];
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) {
      fence = marker;
      block = [];
    } else if (
      fence !== undefined &&
      marker !== undefined &&
      marker[0] === fence[0] &&
      marker.length >= fence.length &&
      line.trim() === marker
    ) {
      code.push(block.join('\n'));
      fence = undefined;
    } else if (fence !== undefined) {
      block.push(line);
    } else {
      outside.push(line);
    }
  }
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of outside) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  // Inline code may wrap onto the next line, never across a blank line (a new paragraph).
  const prose = outside
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_match, _ticks: string, inner: string) => {
        code.push(inner);
        return 'code';
      }),
    )
    .join('\n\n');
  return { prose, code, anchors };
}

/** Every link target in the prose: inline links, images and reference definitions. */
function linkTargets(prose: string): string[] {
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...references];
}

/** Problems with the relative links of `page`, given every page's anchors; external URLs are not fetched. */
function brokenLinks(page: string, prose: string, anchorsOf: (page: string) => Set<string> | undefined): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(prose)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#', 2);
    const file = path === '' ? page : relative(root, resolve(root, dirname(page), decodeURIComponent(path)));
    if (file.startsWith('..') || !existsSync(join(root, file))) {
      problems.push(`${page}: ${target} (no such file in the repository)`);
      continue;
    }
    if (anchor === undefined) continue;
    const anchors = anchorsOf(file);
    if (anchors === undefined) problems.push(`${page}: ${target} (an anchor into a file that is not Markdown)`);
    else if (!anchors.has(anchor)) problems.push(`${page}: ${target} (no heading with that anchor in ${file})`);
  }
  return problems;
}

// pnpm's own commands; anything else after `pnpm` must be a script of the package it runs in.
const BUILT_IN = new Set([
  'install',
  'i',
  'add',
  'remove',
  'update',
  'exec',
  'dlx',
  'why',
  'list',
  'ls',
  'store',
  'deploy',
  'create',
  'pack',
  'publish',
  'rebuild',
  'prune',
  'outdated',
  'audit',
  'link',
  'unlink',
  'fetch',
  'config',
  'root',
  'bin',
]);
const FLAGS_WITH_VALUE = new Set(['--filter', '-F', '--dir', '-C', '--reporter']);

function scriptsOf(packageDir: string): Record<string, string> | undefined {
  const file = join(root, packageDir, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/** Every `pnpm …` in a code snippet whose script is not in the package.json it would run from. */
function unknownCommands(snippet: string): string[] {
  const problems: string[] = [];
  for (const match of snippet.matchAll(/(?<![\w@./-])pnpm(?![\w@.-])((?:(?!\bpnpm\b)[^\n)|;&#"'`])*)/g)) {
    const words = match[1]!.trim().split(/\s+/).filter(Boolean);
    let dir = '.';
    let i = 0;
    for (; i < words.length && words[i]!.startsWith('-'); i++) {
      const [flag, value] = words[i]!.split('=', 2);
      if (flag === '--filter' || flag === '-F' || flag === '--dir' || flag === '-C') dir = value ?? words[i + 1] ?? '.';
      if (value === undefined && FLAGS_WITH_VALUE.has(flag!)) i++;
    }
    let command = words[i]?.replace(/[.,:]+$/, '');
    if (command === 'run') command = words[i + 1]?.replace(/[.,:]+$/, '');
    // Prose in a listing ("installs pnpm (and …"), placeholders (`pnpm <script>`), built-ins: nothing to look up.
    if (command === undefined || !/^[a-z][\w:.-]*$/.test(command) || BUILT_IN.has(command)) continue;
    const scripts = scriptsOf(dir);
    if (scripts === undefined) problems.push(`pnpm${match[1]} (no package.json in ${dir})`);
    else if (!(command in scripts))
      problems.push(`pnpm${match[1]} (no script "${command}" in ${join(dir, 'package.json')})`);
  }
  return problems;
}

/** The copy recipe runs in an empty folder outside the repository, so its commands are not this repo's. */
function withoutCopyRecipe(markdown: string): string {
  const start = markdown.indexOf(COPY_OPEN);
  const end = markdown.indexOf(COPY_CLOSE);
  return start >= 0 && end > start ? markdown.slice(0, start) + markdown.slice(end) : markdown;
}

const parsed = new Map(pages.map((page) => [page, parse(read(page))]));
const anchorsOf = (page: string) =>
  page.endsWith('.md') ? (parsed.get(page) ?? parse(read(page))).anchors : undefined;

describe('the checker itself', () => {
  it('computes GitHub anchors and reports a missing file, a missing anchor and a missing script', () => {
    expect(slug('Moving to your own Auth0 tenant: `pnpm auth0:setup`')).toBe(
      'moving-to-your-own-auth0-tenant-pnpm-auth0setup',
    );
    expect(slug('What the local tenant protects against, and what it does not (it is a development server)')).toBe(
      'what-the-local-tenant-protects-against-and-what-it-does-not-it-is-a-development-server',
    );
    const page = parse(
      '# Title\n\n[ok](#title) [gone](#nope) [file](docs/none.md) [web](https://example.com)\n\n```sh\nx `[not](a-link.md)`\n```\n',
    );
    expect(brokenLinks('README.md', page.prose, (p) => (p === 'README.md' ? page.anchors : anchorsOf(p)))).toEqual([
      'README.md: #nope (no heading with that anchor in README.md)',
      'README.md: docs/none.md (no such file in the repository)',
    ]);
    expect(
      unknownCommands('pnpm dev && pnpm -s access-token bob; pnpm --filter ./apps/spa build; pnpm install'),
    ).toEqual([]);
    expect(unknownCommands('pnpm no-such-script')).toHaveLength(1);
    expect(unknownCommands('installs pnpm (and more), pnpm install, pnpm no-such-script')).toHaveLength(1);
    expect(unknownCommands('pnpm --filter ./apps/contacts preview')).toHaveLength(1);
  });
});

describe('README.md and docs/', () => {
  it.each(pages)('%s: every relative link and anchor resolves', (page) => {
    expect(brokenLinks(page, parsed.get(page)!.prose, anchorsOf)).toEqual([]);
  });

  it.each(pages)('%s: every pnpm command names a script that exists', (page) => {
    const snippets = parse(page === 'README.md' ? withoutCopyRecipe(read(page)) : read(page)).code;
    expect(snippets.flatMap(unknownCommands)).toEqual([]);
  });

  it.each(pages)('%s: points only at things a reader of the repository has', (page) => {
    const text = read(page);
    expect(text).not.toMatch(/DESIGN\.md/);
    expect(text).not.toMatch(/\bissue\s+#?\d+/i);
    // Measured figures are dated and kept in one place, so the other pages do not go stale.
    if (page !== 'docs/performance.md') expect(text).not.toMatch(/\d\s*µs/);
  });

  it('the README is a front page: short, with each copy recipe once, in its own section', () => {
    const readme = read('README.md');
    // Two recipes (the service and the SPA), each run by a test as written; the rest is short and links on.
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(readme.split(COPY_CLOSE)).toHaveLength(3);
    for (const [marker, heading] of [
      [COPY_OPEN, '## Protect your own Express service'],
      ['<!-- copy: log-in-from-your-spa -->', '## Log in from your own SPA'],
    ] as const) {
      expect(readme.split(marker), marker).toHaveLength(2);
      const section = readme.indexOf(`\n${heading}\n`);
      const next = readme.indexOf('\n## ', section + 1);
      const open = readme.indexOf(marker);
      const close = readme.indexOf(COPY_CLOSE, open);
      expect(section, heading).toBeGreaterThan(0);
      expect(open).toBeGreaterThan(section);
      expect(close).toBeGreaterThan(open);
      expect(next === -1 || close < next, heading).toBe(true);
    }
    expect(readme).toMatch(/```sh\n[^`]*^pnpm test$/m);
  });

  it('the README indexes every page of docs/', () => {
    const linked = new Set(linkTargets(parsed.get('README.md')!.prose).map((target) => target.split('#')[0]));
    expect(pages.filter((page) => page.startsWith('docs/') && !linked.has(page))).toEqual([]);
  });
});
