// One lint setup for the repository: TypeScript rules with type information (floating promises),
// and the layer rules of DESIGN.md as forbidden imports.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const awsAndDb = [
  { group: ["@aws-sdk/*", "aws-sdk", "aws-sdk/*"], message: "Only core's AWS adapters talk to AWS." },
  { group: ["electrodb"], message: "ElectroDB entities live in core and are imported only inside core." },
];

// `import { z } from "zod"` keeps zod's whole namespace object, every locale with it (about 360 KB
// in each bundle); `import * as z` lets esbuild keep only what is used.
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
  message: "Write `import * as z from \"zod\"`: the named `z` bundles all of zod, its locales included.",
};

const coreLayers = [
  { group: ["@rdv/functions", "@rdv/functions/*", "@rdv/web", "@rdv/web/*", "@rdv/local", "@rdv/local/*"], message: "core never imports functions, web, local or stacks." },
  { group: ["**/functions/**", "**/web/**", "**/stacks/**", "**/local/src/**"], message: "core never imports functions, web, local or stacks." },
];

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/.next/**", "**/.open-next/**", "**/.sst/**", "infra.out/**", "cdk.out/**", ".data/**", ".dynamodb/**", "packages/web/public/**", "packages/web/next-env.d.ts", "**/*.js", "**/*.mjs", "**/*.cjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    files: ["packages/core/**"],
    rules: {
      "no-restricted-syntax": ["error", zodNamespace],
      "no-restricted-imports": ["error", { patterns: [...coreLayers, { group: ["../*/*.entity", "../*/*.entity.ts"], message: "An entity is private to its concept: call the concept's functions (db's service aside)." }] }],
    },
  },
  {
    // db's service joins every entity for collections and transactions; tests set up items directly
    files: ["packages/core/src/db/**", "packages/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: coreLayers }],
    },
  },
  {
    // the schema entry point is what web and stacks import: no ElectroDB, no AWS SDK
    files: ["packages/core/src/schema/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...awsAndDb, { group: ["../*", "!../schema"], message: "The schema entry point imports only zod, libphonenumber-js and itself." }] }],
    },
  },
  {
    files: ["packages/functions/**"],
    rules: {
      // functions has its own copy of zod (each workspace declares it): a value import bundles it
      // beside core's. Schemas live in core; functions import zod's types only.
      "no-restricted-syntax": ["error", {
        selector: "ImportDeclaration[source.value=/^zod/][importKind='value']",
        message: "Import schemas from core (zod's types only here): a value import bundles a second copy of zod.",
      }],
      "no-restricted-imports": ["error", {
        patterns: [
          ...awsAndDb,
          { group: ["@rdv/web", "@rdv/web/*", "@rdv/local", "@rdv/local/*", "**/stacks/**"], message: "functions call core only." },
        ],
      }],
    },
  },
  {
    files: ["packages/web/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          ...awsAndDb,
          { regex: "^@rdv/core/(?!schema$|calendar$)", message: "web imports only core's schema entry point (and the pure calendar builder); it talks to the API over HTTP." },
          { group: ["@rdv/functions", "@rdv/functions/*", "@rdv/local", "@rdv/local/*", "**/core/src/**"], message: "web talks to the API over HTTP." },
        ],
      }],
    },
  },
  {
    files: ["stacks/**", "sst.config.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["electrodb"], message: "stacks read plain data: the table definition, the route table, the stage schema." },
          { regex: "^@rdv/core/(?!schema$|db/table$|migration/latest$)", message: "stacks import only the schema entry point, the table definition and the number of the last data migration." },
          { regex: "^@rdv/functions/(?!routes$)", message: "stacks import only the route table from functions." },
        ],
      }],
    },
  },
);
