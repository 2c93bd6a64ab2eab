// npm run phone:metadata — writes packages/core/src/schema/phone-metadata.json (the French
// numbering plan cut from libphonenumber-js's max metadata). Run it after upgrading libphonenumber-js.
import { writeFileSync } from "node:fs";
import { frenchPhoneMetadata } from "../src/schema/phone-metadata.generate";

const target = new URL("../src/schema/phone-metadata.json", import.meta.url);
writeFileSync(target, JSON.stringify(frenchPhoneMetadata()) + "\n");
console.log(`wrote ${target.pathname.split("/").slice(-3).join("/")}`);
