/**
 * The APP_SECRET of every server the tests start (startServer, the Playwright web server): form
 * tokens are signed and TOTP keys encrypted with it, so the factories and the server agree.
 * No imports, so playwright.config.ts can read it without loading server code.
 */
export const TEST_APP_SECRET = 'x'.repeat(40);
