/**
 * The number of the last migration of the registry (registry.ts), as plain data: the stacks give
 * it to the migration custom resource, so adding a migration changes the resource's properties
 * and CloudFormation runs it on the next deploy. A unit test (registry.test.ts) keeps the two equal.
 */
export const LATEST_MIGRATION = 3;
