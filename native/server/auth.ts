// Bearer-token check for every request: compared in constant time, and answered with OpenAI's own
// 401 messages so clients show the error they already know.
import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "./openai-errors.ts";

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

export function createTokenCheck(token: string): (authorization: string | undefined) => void {
  if (token.length < 16) throw new Error("The API token must be at least 16 characters long.");
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
    if (!match) {
      throw new ApiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error");
    }
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) {
      throw new ApiError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
  };
}
