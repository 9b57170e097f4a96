import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { ModelGroupCard } from "./ModelGroupCard.tsx";
import { entry, estimate, group } from "../../../testing/fixtures.ts";
import type { Variant } from "../../../shared/models/store.ts";

afterEach(cleanup);

const variants: Variant[] = [
  { ...entry({ id: "q4", quant: "Q4_K_M", displayName: "mistral.Q4_K_M", sizeBytes: 4_370_000_000 }), estimate: estimate("fits", 5_100_000_000) },
  { ...entry({ id: "q8", quant: "Q8_0", displayName: "mistral.Q8_0", sizeBytes: 7_700_000_000 }), estimate: estimate("tight", 8_600_000_000) },
  { ...entry({ id: "f16", quant: "F16", displayName: "mistral.F16", sizeBytes: 14_500_000_000 }), estimate: estimate("wont-fit", 15_400_000_000) },
  { ...entry({ id: "odd", quant: "Q2_K", displayName: "mistral.Q2_K" }), estimate: null },
];

test("each quant shows its size, RAM estimate and fit badge; the loaded one is marked", () => {
  const loads: string[] = [];
  render(<ModelGroupCard group={group("m", "Mistral 7B Instruct", variants)} loadedId="q4" loadingId={null} onLoad={(v) => loads.push(v.id)} onDetails={() => {}} />);
  const row = (quant: string) => screen.getByRole("rowheader", { name: quant }).closest("tr")!;
  assert.ok(within(row("Q4_K_M")).getByText("Fits"));
  assert.ok(within(row("Q4_K_M")).getByText("Loaded"));
  assert.ok(within(row("Q4_K_M")).getByText("5.1 GB"));
  assert.ok(within(row("Q8_0")).getByText("Tight"));
  assert.ok(within(row("F16")).getByText("Won't fit"));
  assert.ok(within(row("F16")).getByText("15.4 GB"));
  assert.ok(within(row("Q2_K")).getByText("Unknown fit"));
  assert.match(within(row("Q8_0")).getByText("Tight").title, /free/);
  fireEvent.click(within(row("Q8_0")).getByRole("button", { name: "Load mistral.Q8_0" }));
  assert.deepEqual(loads, ["q8"]);
});

test("while one variant loads, the others cannot be loaded", () => {
  render(<ModelGroupCard group={group("m", "Mistral", variants)} loadedId={null} loadingId="q8" onLoad={() => {}} onDetails={() => {}} />);
  for (const b of screen.getAllByRole("button", { name: /^Load / })) assert.equal((b as HTMLButtonElement).disabled, true);
  assert.ok(screen.getByText("Loading…"));
});
