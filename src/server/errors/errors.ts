/**
 * One error factory for the whole portal. Domain code throws `AppError`s with a stable code
 * (`auth.rate_limited`, `registration.duplicate` ...). Each domain declares its codes once with
 * `defineErrors`, together with the Dutch message and the HTTP status the edge uses; pages and
 * endpoints translate with `toHttpError`, so internal details never reach a visitor.
 */
export type ErrorSpec = { status: number; message: string };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** Dutch, safe to show. */
    readonly userMessage: string,
    /** For logs and tests only; never shown. */
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'AppError';
  }
}

/**
 * `const errors = defineErrors({ 'auth.rate_limited': { status: 429, message: '...' } })`
 * then `throw errors('auth.rate_limited')`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T) {
  return (code: keyof T & string, details?: Record<string, unknown>, message?: string): AppError => {
    const spec = specs[code]!;
    return new AppError(code, spec.status, message ?? spec.message, details);
  };
}

export function isAppError(error: unknown, code?: string): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

const INTERNAL_ERROR_MESSAGE = 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.';

/** The one translation to what a visitor sees. Unknown errors become a 500 without details. */
export function toHttpError(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof AppError) return { status: error.status, code: error.code, message: error.userMessage };
  return { status: 500, code: 'internal', message: INTERNAL_ERROR_MESSAGE };
}
