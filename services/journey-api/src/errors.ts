import { defineErrors } from '@ejp/service-kit';

/**
 * EJP_PROJECTION_BEHIND is a 503, not a 409: nothing is wrong with the request
 * or in conflict with the resource; the read model has simply not caught up
 * with a write yet, and the SAME request will succeed shortly. 503 with
 * Retry-After says exactly that, and HTTP clients and proxies already retry it.
 */
export const JourneyApiErrors = defineErrors({
  EJP_PROJECTION_BEHIND: { status: 503, title: 'The read model has not caught up with the requested revision yet' },
});
