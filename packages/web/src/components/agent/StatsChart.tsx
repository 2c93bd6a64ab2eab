"use client";

import { useEffect, useState } from "react";

interface ChartAttributes {
  ref?: (element: HTMLElement | null) => void;
  x: string;
  y: string;
  name?: string;
  "selected-palette"?: string;
  "unit-tooltip"?: string;
  "y-min"?: string;
}

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the JSX namespace is how React types custom elements
  namespace JSX {
    interface IntrinsicElements {
      "bar-chart": ChartAttributes;
      "line-chart": ChartAttributes;
    }
  }
}

/**
 * The chart draws inside its shadow root, where the package's stylesheet (BarChart.css) cannot
 * reach: the rules its legend and tooltip need are copied in there.
 */
const SHADOW_CSS = `
.chart canvas { max-width: 100%; }
.flex { display: flex; align-items: center; }
.chart_legend { display: flex; flex-direction: row; justify-content: center; flex-wrap: wrap; column-gap: 1rem; margin-top: 1rem; }
.chart_legend p { margin: 0 0 0 0.5rem; font-size: 0.875rem; font-weight: 700; }
.legende_dot { display: inline-block; min-width: 0.8rem; width: 0.8rem; height: 0.8rem; }
.tooltip { opacity: 0; position: fixed; z-index: 999; pointer-events: none; min-width: 7rem; max-width: 18rem; font-size: 0.75rem;
  background-color: var(--background-default-grey, #fff); color: var(--text-default-grey, #3a3a3a); box-shadow: 0 6px 18px 0 rgba(0, 0, 18, 0.16); }
.tooltip_header { font-weight: 700; padding: 0.55rem 0.55rem 0.75rem 0.75rem; background-color: var(--background-alt-grey, #f6f6f6); }
.tooltip_body .tooltip_value-content { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; padding: 0.55rem 0.55rem 0.75rem 0.75rem; }
.tooltip_body .tooltip_dot { min-width: 1rem; width: 1rem; height: 1rem; display: inline-block; }
`;

function styleShadow(element: HTMLElement | null) {
  const root = element?.shadowRoot;
  if (!root || root.querySelector("style[data-rdv]")) return;
  const style = document.createElement("style");
  style.dataset.rdv = "";
  style.textContent = SHADOW_CSS;
  root.appendChild(style);
}

export interface StatsChartProps {
  months: string[];
  series: { name: string; values: (number | null)[] }[];
  /** bars (counts, the default) or lines (rates) */
  kind?: "bar" | "line";
  /** shown after each value in the tooltip ("%") */
  unit?: string;
}

/**
 * A DSFR bar chart (the <bar-chart> web component of @gouvfr/dsfr-chart 2, loaded in the browser
 * only). The same figures are always in the table next to it.
 */
export function StatsChart({ months, series, kind = "bar", unit }: StatsChartProps) {
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    (kind === "line" ? import("@gouvfr/dsfr-chart/LineChart") : import("@gouvfr/dsfr-chart/BarChart")).then(
      () => !cancelled && setReady(true),
      (error: unknown) => {
        console.error("[stats] the DSFR chart could not load:", error);
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [kind]);

  if (failed) return <p>Le graphique n’a pas pu s’afficher ; les chiffres sont dans le tableau ci-dessous.</p>;
  if (!ready) return <p>Chargement du graphique…</p>;
  const attributes = {
    ref: styleShadow,
    x: JSON.stringify(series.map(() => months)),
    // a month without a denominator has no rate: null (a gap), never a 0 that would say something false
    y: JSON.stringify(series.map((s) => s.values)),
    name: JSON.stringify(series.map((s) => s.name)),
    "selected-palette": "categorical",
    "y-min": "0",
    ...(unit ? { "unit-tooltip": unit } : {}),
  };
  return kind === "line" ? <line-chart {...attributes} /> : <bar-chart {...attributes} />;
}
