// Quality against cost, one point per variant: KL divergence from the reference (lower is closer to
// the largest variant) on the vertical axis, decode speed or resident memory on the horizontal one.
// Drawn by recharts; the figures are also in the table beside it, for screen readers and copying.
import { CartesianGrid, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { LabPoint } from "./store.ts";

export type CostAxis = "speed" | "memory";

const AXES: Record<CostAxis, { key: keyof LabPoint; label: string }> = {
  speed: { key: "decodeTokensPerSecond", label: "Decode speed (tokens/s)" },
  memory: { key: "memoryMiB", label: "Resident memory (MiB)" },
};

export function QualityChart({ points, axis }: { points: LabPoint[]; axis: CostAxis }) {
  const x = AXES[axis];
  return (
    <figure className="lab-chart" aria-label={`KL divergence against ${x.label.toLowerCase()}`}>
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 20, right: 24, bottom: 28, left: 28 }}>
          <CartesianGrid stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey={x.key}
            name={x.label}
            stroke="var(--muted)"
            domain={["auto", "auto"]}
            label={{ value: x.label, position: "bottom", offset: 8, fill: "var(--muted)" }}
          />
          <YAxis
            type="number"
            dataKey="klMilli"
            name="KL divergence (millinats/token)"
            stroke="var(--muted)"
            label={{ value: "KL (millinats/token)", angle: -90, position: "insideLeft", fill: "var(--muted)", style: { textAnchor: "middle" } }}
          />
          <Tooltip cursor={{ strokeDasharray: "3 3" }} contentStyle={{ background: "var(--surface)", borderColor: "var(--border)", color: "var(--text)" }} />
          <Scatter data={points} fill="var(--accent)" isAnimationActive={false}>
            <LabelList dataKey="label" position="top" fill="var(--text)" />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
