import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { AppointmentEntity } from "../appointment/appointment.entity";
import { docClient, tableName } from "../db/client";
import * as DepartmentFile from "../department-file";
import { smallDepartment } from "../testing/department-fixture";
import { appointmentVersions } from "./0003-appointment-versions";

const context = { progress: () => undefined, warn: () => undefined };
const keyOf = (appointmentId: string) => AppointmentEntity.get({ appointmentId }).params<{ Key: Record<string, string> }>().Key;
const raw = async (appointmentId: string) => (await docClient().send(new GetCommand({ TableName: tableName(), Key: keyOf(appointmentId), ConsistentRead: true }))).Item!;

describe("migration 3: appointment versions and the index by last change", () => {
  it("gives appointments written before version 1 and the gsi3 keys of their own updatedAt; a second run finds nothing", async () => {
    const p = `v${randomUUID().slice(0, 6)}`;
    await DepartmentFile.load(smallDepartment(p));
    const appointmentId = `${p}-rdv-1`;
    const written = await raw(appointmentId);
    expect(written.version).toBe(1);
    // as the previous release wrote it: no version, no gsi3 keys
    await docClient().send(new UpdateCommand({ TableName: tableName(), Key: keyOf(appointmentId), UpdateExpression: "REMOVE version, gsi3pk, gsi3sk" }));
    const byUpdate = () => AppointmentEntity.query.byOrganisationUpdated({ organisationId: `${p}-mds-arras` }).go({ pages: "all" });
    expect((await byUpdate()).data).toEqual([]);

    const counts = await appointmentVersions.up(context);
    expect(counts).toMatchObject({ indexed: 1, changedMeanwhile: 0 });
    const migrated = await raw(appointmentId);
    expect(migrated).toEqual({ ...written, updatedAt: written.updatedAt });
    expect((await byUpdate()).data.map((a) => [a.appointmentId, a.version, a.updatedAt])).toEqual([[appointmentId, 1, written.updatedAt]]);

    expect(await appointmentVersions.up(context)).toMatchObject({ found: 0, indexed: 0 });
  });
});
