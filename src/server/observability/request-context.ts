/**
 * The request a piece of server code is working for, without passing it through every call:
 * the middleware runs each request inside `requestContext.run(...)`, and the logger adds its id
 * to every line written meanwhile (also from domain code several calls deep).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request being handled, or undefined outside a request (background services). */
export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;
