// JSON over real HTTP between the test (or benchmark) and the service processes.

export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: callers check response bodies field by field
  body: any;
  headers: Headers;
}

export interface HttpClient {
  get: (path: string) => Promise<JsonResponse>;
  post: (path: string, body?: unknown) => Promise<JsonResponse>;
  put: (path: string, body?: unknown) => Promise<JsonResponse>;
}

/** A client for one service; `token` goes out as a bearer token on every request (AUTH_MODE=hs256). */
export function httpClient(baseUrl: string, token?: string): HttpClient {
  const request = async (method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body), put: (path, body) => request('PUT', path, body) };
}

/** Throws with the problem body unless the status is the expected one; returns the body. */
// biome-ignore lint/suspicious/noExplicitAny: see JsonResponse
export function expectStatus(response: JsonResponse, status: number, what: string): any {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
