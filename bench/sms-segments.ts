/**
 * SMS segments (99 % of the running cost: each segment is billed): the text of every message the
 * large file's appointments would get — confirmation, reschedule, cancellation, reminder — built
 * by the domain's own `Notification.textFor` (the records as the import writes them, a production
 * stage's link), counted by `Notification.segmentCount`. In process, no database.
 */
import { DateTime } from "luxon";
import type { DepartmentFileInput } from "@rdv/core/schema";
// planning and gsm only, not the notification index: its delivery module would create the
// process's DynamoDB client at import, before run.ts points it at the bench's stack
import { noSmsReason, textFor } from "../packages/core/src/notification/planning";
import { segmentCount } from "../packages/core/src/notification/gsm";
import { motifItem, placeItem } from "../packages/core/src/department-file/items";
import { parsePhone } from "../packages/core/src/schema/phone";

const Notification = { noSmsReason, textFor, segmentCount };

export const SMS_KINDS = ["confirmation", "reschedule", "cancellation", "reminder"] as const;
type Kind = (typeof SMS_KINDS)[number];

/**
 * The stage the texts are measured for: production (no "[TEST]"), and a site address of the
 * length a département's own would have. The link is this address, "/rdv/" and 24 characters.
 */
export const BENCH_SMS_STAGE = { production: true, publicUrl: "https://rdv.pasdecalais.fr", tokenSecret: "banc-d-essai-sms-0123456789abcdef" };

/** Billed price of one SMS segment to a French mobile (the order of magnitude used in docs/performance.md). */
export const USD_PER_SEGMENT = 0.075;

export interface KindSegments {
  messages: number;
  /** messages by their number of segments: {"1": n, "2": m} */
  distribution: Record<string, number>;
  oneSegmentShare: number;
  maxSegments: number;
}

export interface SmsSegmentsRow {
  name: "sms-segments";
  messages: number;
  oneSegmentShare: number;
  maxSegments: number;
  segmentsPerAppointment: number;
  usdPer1000Appointments: number;
  byKind: Record<Kind, KindSegments>;
  /** the longest text of each kind and its segments, to read */
  longest: Record<Kind, { segments: number; text: string }>;
  ms: number;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

export function measureSmsSegments(file: DepartmentFileInput): SmsSegmentsRow {
  const started = performance.now();
  const { department } = file;
  const services = new Map((file.services ?? []).map((s) => [s.id, s]));
  const places = new Map((file.places ?? []).map((p) => [p.id, placeItem(p, department.code)]));
  const motifs = new Map((file.motifs ?? []).map((m) => [m.id, motifItem(m)]));
  const counts = Object.fromEntries(SMS_KINDS.map((k) => [k, new Map<number, number>()])) as Record<Kind, Map<number, number>>;
  const longest = {} as SmsSegmentsRow["longest"];
  let appointments = 0;
  let segments = 0;

  for (const appointment of file.appointments ?? []) {
    const motif = motifs.get(appointment.motifId)!;
    const place = places.get(appointment.placeId)!;
    const service = services.get(motif.serviceId)!;
    const startsAt = DateTime.fromISO(appointment.start, { zone: department.timezone }).toUTC().toISO()!;
    let counted = false;
    appointment.serviceUsers.forEach((user, i) => {
      const phone = user.phone ? parsePhone(user.phone, department.code) : undefined;
      if (!phone || Notification.noSmsReason(motif, { phone: phone.e164, phoneIsMobile: phone.mobile, smsOptOut: user.smsOptOut ?? false })) return;
      counted = true;
      for (const kind of SMS_KINDS) {
        const text = Notification.textFor(
          {
            kind,
            startsAt,
            timezone: department.timezone,
            motif,
            serviceName: service.shortName ?? service.name,
            place,
            participationId: `${appointment.id}.${i}`,
            tokenVersion: 1,
            relativeFirstName: user.relative?.firstName,
          },
          BENCH_SMS_STAGE,
        );
        const n = Notification.segmentCount(text);
        segments += n;
        counts[kind].set(n, (counts[kind].get(n) ?? 0) + 1);
        const previous = longest[kind];
        if (!previous || text.length > previous.text.length) longest[kind] = { segments: n, text };
      }
    });
    if (counted) appointments += 1;
  }

  const byKind = {} as Record<Kind, KindSegments>;
  for (const kind of SMS_KINDS) {
    const map = counts[kind];
    const messages = [...map.values()].reduce((a, b) => a + b, 0);
    byKind[kind] = {
      messages,
      distribution: Object.fromEntries([...map.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
      oneSegmentShare: share(map.get(1) ?? 0, messages),
      maxSegments: Math.max(0, ...map.keys()),
    };
  }
  const messages = SMS_KINDS.reduce((sum, k) => sum + byKind[k].messages, 0);
  const oneSegment = SMS_KINDS.reduce((sum, k) => sum + (counts[k].get(1) ?? 0), 0);
  const perAppointment = appointments === 0 ? 0 : segments / appointments;
  return {
    name: "sms-segments",
    messages,
    oneSegmentShare: share(oneSegment, messages),
    maxSegments: Math.max(...SMS_KINDS.map((k) => byKind[k].maxSegments)),
    segmentsPerAppointment: Math.round(perAppointment * 1000) / 1000,
    usdPer1000Appointments: Math.round(perAppointment * 1000 * USD_PER_SEGMENT * 100) / 100,
    byKind,
    longest,
    ms: Math.round(performance.now() - started),
  };
}

/** The row as table lines for the bench's printout. */
export function smsSegmentsTable(row: SmsSegmentsRow): string {
  const lines = [
    `| SMS kind | messages | 1 segment | 2 segments | more | one-segment share | max segments |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...SMS_KINDS.map((k) => {
      const d = row.byKind[k].distribution;
      const more = Object.entries(d).filter(([n]) => Number(n) > 2).reduce((s, [, v]) => s + v, 0);
      return `| ${k} | ${row.byKind[k].messages} | ${d["1"] ?? 0} | ${d["2"] ?? 0} | ${more} | ${(row.byKind[k].oneSegmentShare * 100).toFixed(1)} % | ${row.byKind[k].maxSegments} |`;
    }),
    `| all | ${row.messages} | | | | ${(row.oneSegmentShare * 100).toFixed(1)} % | ${row.maxSegments} |`,
  ];
  return `${lines.join("\n")}\n\n${row.segmentsPerAppointment} segments an appointment (these four messages), ${row.usdPer1000Appointments} USD per 1,000 appointments at ${USD_PER_SEGMENT} USD a segment`;
}

/** `npx tsx bench/sms-segments.ts [file]`: this part alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import("node:fs");
  const { DEFAULT_FILE } = await import("./generate");
  const file = JSON.parse(readFileSync(process.argv[2] ?? DEFAULT_FILE, "utf8")) as DepartmentFileInput;
  const row = measureSmsSegments(file);
  console.log(smsSegmentsTable(row));
  console.log(JSON.stringify(row.longest, null, 2), `\n${row.ms} ms`);
}
