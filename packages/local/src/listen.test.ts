import { afterEach, describe, expect, it } from "vitest";
import { listenHost, startLocalApi } from "./http-server";

/** The local stack is reachable from this machine only, unless RDV_LISTEN_HOST opens it. */
describe("local API listen address", () => {
  const saved = process.env.RDV_LISTEN_HOST;
  afterEach(() => {
    if (saved === undefined) delete process.env.RDV_LISTEN_HOST;
    else process.env.RDV_LISTEN_HOST = saved;
  });

  it("listens on loopback by default", async () => {
    delete process.env.RDV_LISTEN_HOST;
    expect(listenHost()).toBe("127.0.0.1");
    const api = await startLocalApi({ port: 0 });
    try {
      expect(api.server.address()).toMatchObject({ address: "127.0.0.1", family: "IPv4" });
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await api.close();
    }
  });

  it("listens on every interface with RDV_LISTEN_HOST=0.0.0.0, and still gives a URL that works here", async () => {
    process.env.RDV_LISTEN_HOST = "0.0.0.0";
    const api = await startLocalApi({ port: 0 });
    try {
      expect(api.server.address()).toMatchObject({ address: "0.0.0.0" });
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await api.close();
    }
  });
});
