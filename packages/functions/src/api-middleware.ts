import * as ApiKey from "@rdv/core/api-key";
import * as Clock from "@rdv/core/clock";
import * as Session from "@rdv/core/session";
import { route, type Handler, type HttpRequest, type HttpResponse } from "./middleware";

/**
 * Integration API routes (`/v1/api/…`): the `Authorization: Bearer <key>` header names an API
 * key (401 when missing, unknown or revoked; 429 past its requests per minute), checked before
 * anything else. The handler gets a context that is an admin of the key's organisation.
 */
export function apiRoute(fn: (request: HttpRequest, ctx: ApiKey.KeyContext, now: Date) => Promise<HttpResponse>): Handler {
  const contexts = new WeakMap<object, ApiKey.KeyContext>();
  return route(
    async (request) => {
      const ctx = contexts.get(request.event);
      if (!ctx) throw new Session.UnauthorizedError();
      return fn(request, ctx, Clock.now());
    },
    {
      before: async (event) => {
        const authorization = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "authorization")?.[1];
        contexts.set(event, await ApiKey.contextOf(authorization, Clock.now()));
      },
    },
  );
}
