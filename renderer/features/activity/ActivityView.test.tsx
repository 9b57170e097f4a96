import "../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ActivityView } from "./ActivityView.tsx";
import { initialActivityState, useActivityStore } from "./store.ts";
import { freshApi } from "../../testing/install.ts";
import type { AuditRecord } from "../../../native/contract/audit.ts";

afterEach(cleanup);
const record = (seq: number, type: string, data: Record<string, unknown>): AuditRecord => ({ seq, ts: "2026-12-03T08:00:00.000Z", type, data, prev: "0".repeat(64), hash: "f".repeat(64) });

beforeEach(() => {
  useActivityStore.setState(initialActivityState());
  freshApi()
    .handle("audit.list", () => ({ enabled: true, records: [record(3, "question", { sha256: "ab".repeat(32) }), record(2, "model.load", { name: "Tiny" }), record(1, "engine.start", {})] }))
    .handle("audit.verify", () => ({ ok: false, path: "/d/audit/audit.jsonl", records: 1, problems: [{ line: 2, kind: "edited" as const, message: "Record 2 on line 2 was changed after it was written." }] }));
});

test("lists records newest first, a hashed question without its text", async () => {
  await act(async () => {
    render(<ActivityView />);
  });
  const rows = screen.getAllByRole("row").slice(1);
  assert.deepEqual(rows.map((r) => r.querySelector("td")?.textContent), ["3", "2", "1"]);
  assert.ok(screen.getByText("Question asked"));
  assert.ok(screen.getByText(/SHA-256 abababab/));
  assert.ok(screen.getByText("Tiny"));
});

test("Verify log shows where the chain is broken", async () => {
  await act(async () => {
    render(<ActivityView />);
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Verify log" }));
  });
  assert.ok(screen.getByText("The audit log was altered."));
  assert.ok(screen.getByText(/Line 2 \(edited\)/));
});
