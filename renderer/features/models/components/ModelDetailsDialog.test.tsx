import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, render, screen } from "@testing-library/react";
import { ModelDetailsDialog } from "./ModelDetailsDialog.tsx";
import { useModelsStore, type ModelDetails } from "../../../shared/models/store.ts";
import { entry, estimate } from "../../../testing/fixtures.ts";

afterEach(() => {
  cleanup();
  useModelsStore.setState({ details: null });
});

const details = (measured: ModelDetails["measured"]): ModelDetails => ({
  ...entry({ id: "q8", quant: "Q8_0", displayName: "mistral.Q8_0", sizeBytes: 7_700_000_000 }),
  estimate: estimate("tight", 8_600_000_000),
  chatTemplate: null,
  metadata: {},
  measured,
});

function measuredRow(): string {
  const term = screen.getByText("Measured RAM");
  return term.nextElementSibling?.textContent ?? "";
}

test("a file loaded before shows what it measured beside the estimate", () => {
  useModelsStore.setState({ details: details({ ramBytes: 8_100_000_000, contextSize: 4096, gpuLayers: 0, measuredAt: "2026-12-03T10:00:00Z" }) });
  render(<ModelDetailsDialog onLoad={() => {}} />);
  assert.ok(screen.getByText("Estimated RAM"));
  assert.match(measuredRow(), /^8\.1 GB when loaded on .* at 4,096 tokens of context \(the context's cache grows/);
});

test("a file never loaded says when it will be measured", () => {
  useModelsStore.setState({ details: details(null) });
  render(<ModelDetailsDialog onLoad={() => {}} />);
  assert.equal(measuredRow(), "not yet: measured the first time this file is loaded");
});
