import type { Page } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

export const alice: Credentials = { email: 'alice@example.com', password: 'alice-demo-pw' };
export const bob: Credentials = { email: 'bob@example.com', password: 'bob-demo-pw' };

export type Flow = 'code' | 'implicit';

/** The radios of the "Flow" group, by their accessible names. */
export const FLOW_RADIO: Record<Flow, string> = {
  code: 'Authorization code + PKCE',
  implicit: "Implicit (the guide's flow)",
};

/**
 * Resolves once the page has settled after a load: signed in or not, and its buttons usable again (they
 * are disabled from the first paint until then, and while the page waits for the tenant).
 */
export async function settled(page: Page): Promise<void> {
  // One locator, so that both hold at the same moment, and one that outlives a navigation (a restore's round trip).
  await page
    .locator('body:has(#call-contacts:enabled):has(#session-status:text-matches("^(Signed in|Not signed in)"))')
    .waitFor();
}

/** Where a test's SPA and tenant are (a stack's `urls`): origins, without a trailing slash. */
export interface Origins {
  spa: string;
  tenant: string;
}

/**
 * Opens the SPA at `spaUrl` and waits for it to settle: at once on a first visit in the code flow, after the
 * session check in the implicit flow (its checkSession on load). With `flow`, first picks that flow (the
 * page restarts in it) unless the tab already uses it.
 */
export async function openSpa(page: Page, spaUrl: string, flow?: Flow): Promise<void> {
  await page.goto(spaUrl);
  await settled(page);
  if (flow) await chooseFlow(page, flow);
}

/** Ticks a Flow radio and waits for the page to restart in that flow and finish its check on load. */
export async function chooseFlow(page: Page, flow: Flow): Promise<void> {
  const radio = page.getByRole('group', { name: 'Flow' }).getByRole('radio', { name: FLOW_RADIO[flow], exact: true });
  if (await radio.isChecked()) return;
  await radio.check();
  await page
    .getByTestId('active-flow')
    .filter({ hasText: `Active flow: ${FLOW_RADIO[flow]}` })
    .waitFor();
  await settled(page);
}

export async function statusText(page: Page): Promise<string> {
  return (await page.locator('#session-status').textContent()) ?? '';
}

/** Only these permission checkboxes ticked on the SPA before logging in. */
export async function chooseScopes(page: Page, scopes: readonly string[]): Promise<void> {
  for (const box of await page.locator('input[name="scope"]').all()) {
    const value = await box.getAttribute('value');
    await box.setChecked(scopes.includes(value ?? ''));
  }
}

/**
 * How to answer the consent page: `Accept` and `Decline` expect it to be shown; `Accept if asked` allows
 * for the tenant remembering an earlier consent (as Auth0 does: per user and application).
 */
export type ConsentAnswer = 'Accept' | 'Decline' | 'Accept if asked';

/**
 * Clicks "Log in", signs in on the tenant's page (at `at.tenant`) and answers its consent page. Returns once
 * the browser is back on the SPA (at `at.spa`) and the SPA has finished with the response (signed in, or
 * showing an error).
 */
export async function logIn(
  page: Page,
  at: Origins,
  who: Credentials,
  consent: ConsentAnswer = 'Accept',
  mark: (step: string) => void = () => {},
): Promise<void> {
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.origin === at.tenant);
  await page.getByLabel('Email').waitFor();
  mark('loginPageShown');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const back = page.waitForURL((url) => url.origin === at.spa);
  back.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  if (consent !== 'Accept if asked') await page.getByRole('button', { name: consent }).waitFor();
  mark('consentPageShown');
  if (consent === 'Accept if asked') {
    const accept = page.getByRole('button', { name: 'Accept' });
    const asked = await Promise.race([
      back.then(() => false),
      accept.waitFor().then(
        () => true,
        () => false,
      ),
    ]);
    if (asked) await accept.click();
  } else {
    await page.getByRole('button', { name: consent }).click();
  }
  await back;
  await page.waitForFunction(() => {
    const status = document.getElementById('session-status')?.textContent ?? '';
    return status.startsWith('Signed in') || status.startsWith('Not signed in');
  });
  mark('backOnSpa');
}

export interface ShownResult {
  status: string;
  text: string;
}

/** Clicks "Call <api> API" and returns the result panel once this call's result is in it. */
export async function callApi(page: Page, api: 'Contacts' | 'Calendar'): Promise<ShownResult> {
  const panel = page.getByTestId('api-result');
  await page.getByRole('button', { name: `Call ${api} API` }).click();
  await panel.locator('.result-head', { hasText: `${api} API` }).waitFor();
  return { status: (await panel.getAttribute('data-status')) ?? '', text: (await panel.textContent()) ?? '' };
}

/**
 * Waits until no tab of `pages` has a silent check in flight and each finished one within the last
 * second, so that their next timer checks (every SPA_CHECK_SESSION_SECONDS = 2 s in the browser tests)
 * are a second away: a tab about to navigate (to log out) leaves no check of its own behind at the tenant.
 */
export async function waitForQuietChecks(pages: readonly Page[], timeoutMs = 15_000): Promise<void> {
  for (const page of pages) {
    await page.evaluate(() => {
      const line = document.querySelector('[data-testid="session-check"]');
      const mark = () => Reflect.set(window, '__lastCheckAt', Date.now());
      if (line && !Reflect.has(window, '__lastCheckAt'))
        new MutationObserver(mark).observe(line, { childList: true, characterData: true, subtree: true });
      if (!Reflect.has(window, '__lastCheckAt')) Reflect.set(window, '__lastCheckAt', 0);
    });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      pages.map((page) =>
        page.evaluate(() => ({
          age: Date.now() - Number(Reflect.get(window, '__lastCheckAt')),
          inFlight: document.querySelector('iframe') !== null,
        })),
      ),
    );
    if (states.every((state) => state.age < 1000 && !state.inFlight)) return;
    if (Date.now() > deadline)
      throw new Error(`no quiet moment between the tabs' silent checks within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
