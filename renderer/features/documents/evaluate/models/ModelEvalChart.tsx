// Speed against cost, one pair of bars per model: decode tokens/s and the energy estimate per answer
// (each on its own axis). Drawn by recharts; every figure is also in the table above it, for screen
// readers and copying.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ModelEvalReport } from "../../../../../native/contract/model-eval.ts";
import { evalRowLabel } from "../../../../../native/contract/model-eval-table.ts";

export function ModelEvalChart({ report }: { report: ModelEvalReport }) {
  const data = report.models.map((row) => ({ label: evalRowLabel(row), tokensPerSecond: row.tokensPerSecond, joulesPerAnswer: row.joulesPerAnswer }));
  return (
    <figure className="model-eval-chart" aria-label="Tokens per second and energy per answer for each model">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 16 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--muted)" />
          <YAxis yAxisId="speed" stroke="var(--muted)" label={{ value: "Tokens/s", angle: -90, position: "insideLeft", fill: "var(--muted)", style: { textAnchor: "middle" } }} />
          <YAxis yAxisId="energy" orientation="right" stroke="var(--muted)" label={{ value: "J/answer (est.)", angle: 90, position: "insideRight", fill: "var(--muted)", style: { textAnchor: "middle" } }} />
          <Tooltip contentStyle={{ background: "var(--surface)", borderColor: "var(--border)", color: "var(--text)" }} />
          <Legend />
          <Bar yAxisId="speed" dataKey="tokensPerSecond" name="Tokens/s" fill="var(--accent)" isAnimationActive={false} />
          <Bar yAxisId="energy" dataKey="joulesPerAnswer" name="J/answer (est.)" fill="var(--muted)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
