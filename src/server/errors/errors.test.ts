import { describe, expect, it } from 'vitest';
import { AppError, defineErrors, isAppError, toHttpError } from './errors';

describe('error factory', () => {
  const errors = defineErrors({ 'demo.not_found': { status: 404, message: 'Niet gevonden.' } });

  it('makes errors with a stable code, status and Dutch message', () => {
    const error = errors('demo.not_found', { id: 'x' });
    expect(error).toBeInstanceOf(AppError);
    expect(isAppError(error, 'demo.not_found')).toBe(true);
    expect(toHttpError(error)).toEqual({ status: 404, code: 'demo.not_found', message: 'Niet gevonden.' });
  });

  it('hides the details of unknown errors', () => {
    const http = toHttpError(new Error('connection refused at 10.0.0.3'));
    expect(http.status).toBe(500);
    expect(http.message).not.toContain('10.0.0.3');
  });
});
