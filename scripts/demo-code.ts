// `npm run demo:code`: the login codes an authenticator app would show now for the demo staff
// accounts in DATA_DIR/demo-login.txt, so a newcomer can try the inbox without installing an app.
import fs from 'node:fs';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '~/server/auth/totp';
import { getConfig } from '~/server/config/config';
import { parseDemoLogins } from '~/server/staff/staff.demo';

const file = path.join(getConfig().dataDir, 'demo-login.txt');
if (!fs.existsSync(file)) {
  console.error(`[buurtgezinnen] ${file} bestaat niet: start het portaal eerst met npm start (met demo-inhoud).`);
  process.exit(1);
}
const now = new Date();
const secondsLeft = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
for (const login of Object.values(parseDemoLogins(fs.readFileSync(file, 'utf8')))) {
  const code = totpCodeAt(decodeBase32IgnorePadding(login.totpSecret.replace(/\s+/g, '')), now);
  console.log(
    `${login.name.padEnd(20)} ${login.role.padEnd(12)} ${login.email.padEnd(36)} wachtwoord ${login.password}  code ${code}`,
  );
}
console.log(`\nDe codes gelden nog ${secondsLeft} seconden; elke code werkt één keer.`);
