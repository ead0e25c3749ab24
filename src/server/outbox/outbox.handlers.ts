/**
 * How a domain plugs a topic into the outbox: an `OutboxHandler` that delivers one payload.
 * Handlers are passed to the worker when it starts (src/server/runtime/services.ts), so a new
 * topic (e.g. 'search.index') needs no change in this folder.
 */
import type { Logger } from '~/server/logger';

type OutboxDelivery<P = unknown> = {
  /** The outbox row id: stable across retries; use it to make delivery idempotent. */
  messageId: string;
  topic: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  createdAt: Date;
  log: Logger;
};

export type OutboxHandler<P = unknown> = {
  topic: string;
  /** Resolve when delivered; throw to retry later; throw `PermanentDeliveryError` to park at once. */
  deliver: (delivery: OutboxDelivery<P>) => Promise<void>;
};

/** A failure that retrying cannot fix (e.g. SMTP 550 "no such mailbox"): the row is parked as failed. */
export class PermanentDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/** Topic -> handler; a second handler for one topic is a programming error. */
export function createHandlerRegistry(handlers: OutboxHandler<never>[]): Map<string, OutboxHandler<unknown>> {
  const registry = new Map<string, OutboxHandler<unknown>>();
  for (const handler of handlers) {
    if (registry.has(handler.topic)) throw new Error(`Outbox topic "${handler.topic}" has two handlers`);
    registry.set(handler.topic, handler as OutboxHandler<unknown>);
  }
  return registry;
}
