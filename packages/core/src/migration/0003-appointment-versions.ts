import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Appointment from "../appointment";
import { isConditionFailure } from "../db/condition";
import { docClient, tableName } from "../db/client";
import { eachLimited, scanPages, type RawItem } from "./scan";
import type { Counts, Migration } from "./types";

/**
 * Appointments for the integration API (December 2026): every write now increments a `version`
 * and files the appointment in gsi3 under its organisation by `updatedAt` (the list's
 * `updatedSince`). Appointments written before have neither: this gives them version 1 (kept if
 * present) and the index keys of their own `updatedAt` (not the migration's time, so a tool
 * synchronising by `updatedSince` is not sent every appointment again). Each item is updated on
 * the condition that its `updatedAt` is still the one read: a write meanwhile (new code) has
 * filed it already. Idempotent: items with the keys are skipped by the scan's filter.
 */
const CONCURRENCY = 8;

const keysOf = (item: RawItem) =>
  Appointment.updatedIndexKeys({ organisationId: String(item.organisationId), updatedAt: String(item.updatedAt), appointmentId: String(item.appointmentId) });

export const appointmentVersions: Migration = {
  number: 3,
  name: "appointment-versions",
  description: "Appointments get version 1 and the gsi3 keys of the organisation's appointments by updatedAt (the integration API's updatedSince)",
  async up(context) {
    const counts: Counts = { scanned: 0, found: 0, indexed: 0, changedMeanwhile: 0 };
    await scanPages(
      {
        FilterExpression: "#e = :appointment AND attribute_not_exists(#g)",
        ExpressionAttributeNames: { "#e": "__edb_e__", "#g": "gsi3pk" },
        ExpressionAttributeValues: { ":appointment": "appointment" },
      },
      async (items, scanned) => {
        counts.scanned! += scanned;
        counts.found! += items.length;
        await eachLimited(items, CONCURRENCY, async (item) => {
          if (typeof item.organisationId !== "string" || typeof item.updatedAt !== "string") {
            context.warn(`appointment ${String(item.appointmentId)} without organisationId or updatedAt: left aside`);
            return;
          }
          const { gsi3pk, gsi3sk } = keysOf(item);
          try {
            await docClient().send(
              new UpdateCommand({
                TableName: tableName(),
                Key: { pk: item.pk, sk: item.sk },
                UpdateExpression: "SET #v = if_not_exists(#v, :one), #gpk = :gpk, #gsk = :gsk",
                ConditionExpression: "#u = :u",
                ExpressionAttributeNames: { "#v": "version", "#gpk": "gsi3pk", "#gsk": "gsi3sk", "#u": "updatedAt" },
                ExpressionAttributeValues: { ":one": 1, ":gpk": gsi3pk, ":gsk": gsi3sk, ":u": item.updatedAt },
              }),
            );
            counts.indexed! += 1;
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
            counts.changedMeanwhile! += 1;
          }
        });
        context.progress(counts);
      },
    );
    return counts;
  },
};
