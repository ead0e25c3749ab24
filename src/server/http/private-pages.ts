/**
 * Pages that show or take personal data: staff pages (the inbox, accounts, the audit log), the
 * pages around logging in, development tools, and any answer to a form (it repeats what was
 * typed). Browsers and proxies must never store them (Cache-Control: no-store).
 */
const PRIVATE_PREFIXES = [
  '/inbox',
  '/account',
  '/beheer',
  '/inloggen',
  '/uitloggen',
  '/uitnodiging',
  '/wachtwoord-vergeten',
  '/wachtwoord-herstellen',
  '/dev',
];

export function isPrivatePage(pathname: string, method: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return true;
  const path = pathname.toLowerCase();
  return PRIVATE_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
  );
}
