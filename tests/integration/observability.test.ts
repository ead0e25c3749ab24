/**
 * What the people who run the portal see (issue 17 observability, issue 13 item 8), against the
 * built server in production mode: JSON log lines with a request id and no personal data,
 * /healthz public without details and with details behind HEALTH_TOKEN, Prometheus metrics
 * behind the same token, and a Dutch 503 page within seconds when the database is unreachable.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueFormToken } from '~/server/registrations/form-token';
import { createTestDatabase } from '~tests/support/database';
import { monitoringHeaders, type ServerProcess, startServer } from '~tests/support/server-process';

let server: ServerProcess;
beforeAll(async () => {
  const database = await createTestDatabase();
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const signUp = (email: string) =>
  fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      formToken: issueFormToken({ secret: 'x'.repeat(40), kind: 'vraaggezin', now: new Date(Date.now() - 5000) }),
      name: 'Femke Zoutelande',
      email,
      phone: '06-12345678',
      kern: 'Nuth',
      children: '4',
      supportWishes: 'luisterend-oor',
      consent: 'ja',
    }),
  });

it('answers /healthz publicly with up or down only, and with details for the monitoring token', async () => {
  const publicAnswer = await fetch(`${server.url}/healthz`);
  expect(publicAnswer.status).toBe(200);
  expect(await publicAnswer.json()).toEqual({ status: 'ok' });
  const wrongToken = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${'y'.repeat(40)}` } });
  expect(await wrongToken.json()).toEqual({ status: 'ok' });

  const details = await fetch(`${server.url}/healthz`, { headers: monitoringHeaders });
  expect(details.status).toBe(200);
  const report = (await details.json()) as Record<string, unknown> & { migrations: { applied: number; known: number } };
  expect(report).toMatchObject({
    status: 'ok',
    database: 'ok',
    outbox: { pending: 0, overdue: 0, failed: 0, oldestPendingSeconds: 0 },
    instance: { outboxWorker: false },
  });
  expect(report.migrations.applied).toBeGreaterThan(10);
  expect(report.migrations.applied).toBe(report.migrations.known);
});

it('serves Prometheus metrics behind the same token: request durations per route, sign-ups, outbox', async () => {
  expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  expect((await signUp('metriek@voorbeeld.nl')).status).toBe(303);
  const response = await fetch(`${server.url}/metrics`, { headers: monitoringHeaders });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(text).toMatch(
    /buurtgezinnen_http_request_duration_seconds_count\{method="POST",route="\/\[gemeente\]\/aanmelden\/vraaggezin",status="303"\} 1/,
  );
  expect(text).toContain('buurtgezinnen_registrations_total{kind="vraaggezin",outcome="accepted"} 1');
  // The sign-up queued its confirmation mail (no worker runs here): depth per topic and age of the oldest.
  expect(text).toContain('buurtgezinnen_outbox_pending_messages{topic="email"} 1');
  expect(text).toMatch(/buurtgezinnen_outbox_oldest_pending_age_seconds \d/);
  expect(text).toContain('buurtgezinnen_database_up 1');
  expect(text).toContain('# TYPE buurtgezinnen_search_duration_seconds histogram');
  expect(text).toContain('# TYPE buurtgezinnen_retention_runs_total counter');
  expect(text).toContain('nodejs_eventloop_lag_seconds');
});

it('logs one JSON line per request with its request id, and nothing personal', async () => {
  const response = await signUp('privacy-log@voorbeeld.nl');
  expect(response.status).toBe(303);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await fetch(`${server.url}/inloggen?terug=%2Finbox%2Fzoeken%3Fq%3DZoutelande`);
  await new Promise((r) => setTimeout(r, 200));

  const lines = server
    .output()
    .split('\n')
    .filter((line) => line.trim());
  const parsed = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
  expect(parsed.find((l) => l.requestId === requestId && l.msg === 'Verzoek')).toMatchObject({
    level: 'info',
    scope: 'http',
    method: 'POST',
    route: '/[gemeente]/aanmelden/vraaggezin',
    status: 303,
  });
  for (const secret of ['privacy-log@voorbeeld.nl', 'Zoutelande', '06-12345678', '127.0.0.1', 'terug='])
    expect(server.output()).not.toContain(secret);
});

it('answers a Dutch 503 page within seconds while its database is unreachable', async () => {
  const orphan = await startServer(
    { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none', LOG_LEVEL: 'error' },
    { waitForHealthy: false },
  );
  try {
    let response: Response | undefined;
    for (let i = 0; i < 50 && !response; i++) {
      response = await fetch(`${orphan.url}/beekdaelen/aanmelden/vraaggezin`).catch(() => undefined);
      if (!response) await new Promise((r) => setTimeout(r, 100));
    }
    const started = Date.now();
    const again = await fetch(`${orphan.url}/beekdaelen/aanmelden/vraaggezin`);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const answer of [response!, again]) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('30');
      const html = await answer.text();
      expect(html).toContain('<html lang="nl">');
      expect(html).toContain('Even niet bereikbaar');
      expect(html).toContain('Probeer het over een paar minuten opnieuw.');
    }
  } finally {
    await orphan.stop();
  }
});
