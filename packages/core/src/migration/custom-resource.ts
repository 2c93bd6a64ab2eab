import * as z from "zod";

/**
 * What the deploy's custom resource (stacks/Migrations.ts) sends to the migrations function: the
 * lifecycle event and the migration number the template carries. Here so that the function
 * bundles core's zod and no second copy.
 */
export const CustomResourceRequest = z.object({ RequestType: z.enum(["Create", "Update", "Delete"]), PhysicalResourceId: z.string().optional() });
export const CustomResourceProperties = z.object({ ResourceProperties: z.object({ LatestMigration: z.string().regex(/^\d+$/) }) });
