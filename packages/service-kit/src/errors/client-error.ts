import type { Socket } from 'node:net';
import { type CatalogueEntry, ErrorCodes, lookupError } from './error-catalogue.ts';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.ts';

// Node's HTTP parser refuses some requests before Fastify sees them (headers
// or request line over maxHeaderSize, a malformed request, a client too slow
// to send its headers): no route, no hook, no error handler runs. Fastify's
// default answer is plain JSON; this one is the same problem+json every other
// error is, so clients need one parser for every failure.

function answerFor(error: NodeJS.ErrnoException): { entry: CatalogueEntry; detail: string } {
  const entry = (code: string) => lookupError(code) as CatalogueEntry;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { entry: entry(ErrorCodes.EJP_HEADERS_TOO_LARGE), detail: 'The request line and headers exceed the size this server accepts.' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { entry: entry(ErrorCodes.EJP_REQUEST_TIMEOUT), detail: 'The request was not received completely in time.' };
  }
  return { entry: entry(ErrorCodes.EJP_BAD_REQUEST), detail: 'The request is not valid HTTP.' };
}

/** Fastify's `clientErrorHandler`: answers a request Node could not parse with problem+json, then closes the socket. */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { entry, detail } = answerFor(error);
  const problem: Problem = {
    type: entry.type,
    title: entry.title,
    status: entry.status,
    detail,
    // The request line may not even have been read: nothing trustworthy to quote.
    instance: '/',
    code: entry.code,
  };
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${entry.status} ${entry.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
