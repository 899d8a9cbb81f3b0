import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { toActivityFailure } from './failures';

/**
 * Every activity's error goes through toActivityFailure, whichever layer threw it: otherwise the
 * SDK turns a plain Error into a *retryable* failure named after its class (a ParseError would be
 * retried), and an oversized message fails to be stored at all.
 */
export function failureInterceptor(): ActivityInterceptorsFactory {
  return () => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          throw toActivityFailure(err);
        }
      },
    },
  });
}
