import { describe, expect, it } from "vitest";
import { clientAddress } from "./sign-in-limits";

describe("the client address sign-in limits count by", () => {
  it("keeps IPv4, cuts IPv6 to its /64, unmaps IPv4-mapped addresses, and groups what is not an address", () => {
    expect(
      ["203.0.113.7", "2001:db8:a:b:c:d:e:f", "2001:DB8:a:b::1", "2001:db8::1", "::ffff:203.0.113.7", "::ffff:cb00:7107", "fe80::1%eth0", "::", "nonsense", undefined, ""].map(clientAddress),
    ).toEqual(["203.0.113.7", "2001:db8:a:b::/64", "2001:db8:a:b::/64", "2001:db8:0:0::/64", "203.0.113.7", "203.0.113.7", "fe80:0:0:0::/64", "0:0:0:0::/64", "unknown", "unknown", "unknown"]);
  });
});
