// The names the web host and its browser client must agree on. No Node imports here: the renderer
// bundle imports this file too.

/** The WebSocket endpoint's path. */
export const WS_PATH = "/ws";
/** The upload endpoint's path: POST /upload?name=<file name>. */
export const UPLOAD_PATH = "/upload";
/** The header carrying the token on uploads. */
export const TOKEN_HEADER = "X-Enclave-Token";
/**
 * The token travels in the WebSocket handshake, as a second subprotocol `enclave.token.<token>`
 * beside `enclave.v1`, rather than in a first message: the host can then refuse the upgrade itself,
 * so an unauthenticated socket never exists (no half-open state, no "waiting for auth" timeout),
 * and a browser lets a page set no other handshake header. The host answers with `enclave.v1` only,
 * so the token is not echoed back.
 */
export const WS_PROTOCOL = "enclave.v1";
export const WS_TOKEN_PREFIX = "enclave.token.";
