import { ConfigError } from '@organizer/auth/settings';
import { loadConfig } from './config.ts';
import { rotateSigningKeys } from './signing-keys.ts';
import { keyRetentionSeconds } from './token-lifetimes.ts';

try {
  const config = loadConfig();
  const retentionSeconds = keyRetentionSeconds(config);
  const { active, published } = await rotateSigningKeys(config.keysDir, { retentionSeconds });
  console.log(`New signing key ${active.jwk.kid} in ${config.keysDir}.`);
  console.log(`Published keys: ${published.map((key) => key.jwk.kid).join(', ')}.`);
  console.log(`Retired keys stay published for ${retentionSeconds} s, until the tokens they signed have expired.`);
  console.log('Restart the local tenant to start signing with the new key.');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
