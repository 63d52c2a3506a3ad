import { ConfigError } from '@organizer/auth/settings';
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_URLS, parseApiUrls } from '../src/api-urls.ts';

function refusal(env: Record<string, string>): ConfigError {
  try {
    parseApiUrls(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('CONTACTS_API_URL and CALENDAR_API_URL', () => {
  it('default to the local services, also when set empty', () => {
    expect(parseApiUrls({})).toEqual(DEFAULT_API_URLS);
    expect(parseApiUrls({ CONTACTS_API_URL: ' ', CALENDAR_API_URL: '' })).toEqual({
      contacts: 'http://localhost:3001/api/contacts',
      calendar: 'http://localhost:3002/api/calendar',
    });
  });

  it('take any http(s) route URL, trimmed and without a trailing slash', () => {
    expect(
      parseApiUrls({
        CONTACTS_API_URL: ' https://api.example.com/api/contacts/ ',
        CALENDAR_API_URL: 'http://localhost:3000/api/calendar',
      }),
    ).toEqual({
      contacts: 'https://api.example.com/api/contacts',
      calendar: 'http://localhost:3000/api/calendar',
    });
  });

  it.each([
    ['CONTACTS_API_URL', 'not a url', /contains a space/],
    ['CONTACTS_API_URL', '/api/contacts', /not a valid URL/],
    ['CONTACTS_API_URL', 'localhost:3001/api/contacts', /http or https/],
    ['CALENDAR_API_URL', 'ftp://localhost/api/calendar', /http or https/],
    ['CALENDAR_API_URL', 'javascript:alert(1)', /http or https/],
    ['CALENDAR_API_URL', 'http://localhost:3002/api/calendar junk', /contains a space/],
    ['CALENDAR_API_URL', 'http://localhost:3002/api/calendar"', /quote/],
    ['CALENDAR_API_URL', 'http://localhost:3002\\api\\calendar', /backslash/],
    ['CONTACTS_API_URL', 'http://localhost:3001/api/contacts?debug=1', /without credentials, query or fragment/],
    ['CONTACTS_API_URL', 'http://localhost:3001/api/contacts#x', /without credentials, query or fragment/],
    ['CONTACTS_API_URL', 'http://localhost:3001/api/contacts?', /without credentials, query or fragment/],
    ['CONTACTS_API_URL', 'http://user:pw@localhost:3001/api/contacts', /without credentials, query or fragment/],
  ])('%s=%j stops start-up naming the variable and the fix', (variable, value, problem) => {
    const error = refusal({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.problem).toMatch(problem);
    expect(error.message).toContain(variable);
    expect(error.fix).toMatch(/full URL, such as http:\/\/localhost:300[12]\/api\/(contacts|calendar)/);
  });
});
