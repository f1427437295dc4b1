/**
 * Which requests may share an HTTP/2 connection with others (undici 7.30):
 * GET and HEAD without a body.
 *  - undici runs a non-idempotent request (POST…) on an HTTP/2 connection
 *    only when nothing else runs on it, so a burst of POSTs would go one at
 *    a time; and when a server sends GOAWAY (nginx does after 1,000 requests
 *    on a connection) undici fails every request in flight on it, which only
 *    GET and HEAD may simply be sent again after;
 *  - a GET (or DELETE…) with a body makes undici's HTTP/2 writer fail an
 *    assertion and corrupt the Client's queue: a TypeError thrown from a
 *    socket callback.
 * Other requests go over HTTP/1.1, exactly as with HTTP/2 off.
 */
export function canMultiplex(method: string, hasBody: boolean): boolean {
  return (method === 'GET' || method === 'HEAD') && !hasBody;
}
