import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

// "system": follow the user's OS light/dark preference.
export const defaultColorScheme: DefaultColorScheme = "system";
