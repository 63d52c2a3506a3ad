// Run by the SQLite tests in a child process (node --import tsx), so that two processes open one
// file at the same moment, as two instances of a service would. Prints what the open did as JSON.
import { createInterface } from 'node:readline';
import { openStore } from '../../src/index.ts';
import { type SampleDb, slowThird } from './sample-migrations.ts';

const [dataDir = '', name = ''] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });
console.log('ready');
// Both children wait for the parent's "go", so neither gets a head start from a faster start-up.
await new Promise((resolve) => lines.once('line', resolve));
lines.close();
try {
  const store = await openStore<SampleDb>({ dataDir, name, migrations: slowThird });
  const effects = await store.db.selectFrom('migration_effects').select('what').execute();
  await store.close();
  console.log(JSON.stringify({ migrated: store.migrated, effects: effects.length }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error) }));
}
