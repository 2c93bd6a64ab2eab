// @gouvfr/dsfr-chart ships no types: its entry points only register web components.
declare module "@gouvfr/dsfr-chart/BarChart";
declare module "@gouvfr/dsfr-chart/LineChart";
