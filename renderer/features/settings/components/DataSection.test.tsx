import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { DataSection } from "./DataSection.tsx";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";

afterEach(cleanup);
let api: FakeApi;
let deleted: unknown[];
let exported: unknown[];
beforeEach(() => {
  deleted = [];
  exported = [];
  api = freshApi()
    .handle("data.deleteAll", (input) => {
      deleted.push(input);
      return { conversations: 2, collections: 1, uploads: true, caches: 2, auditLog: false };
    })
    .handle("conversations.export", (input) => {
      exported.push(input);
      return { format: input.format, fileName: "enclave-conversations-2026-12-03.md", content: "# x\n", count: 3 };
    });
});

test("Delete all stays disabled until the confirmation is typed, then asks the engine", async () => {
  assert.ok(api);
  render(<DataSection />);
  fireEvent.click(screen.getByRole("button", { name: "Delete all my data…" }));
  const confirm = screen.getByRole("button", { name: "Delete everything" }) as HTMLButtonElement;
  assert.equal(confirm.disabled, true);
  fireEvent.change(screen.getByLabelText(/to confirm/), { target: { value: "delete all" } });
  assert.equal(confirm.disabled, true, "a partial phrase is not enough");
  fireEvent.change(screen.getByLabelText(/to confirm/), { target: { value: "Delete all my data" } });
  assert.equal(confirm.disabled, false);
  await act(async () => {
    fireEvent.click(confirm);
  });
  assert.deepEqual(deleted, [{ confirm: "delete all my data" }]);
});

test("Export all asks the engine for the chosen format", async () => {
  URL.createObjectURL ??= () => "blob:x";
  URL.revokeObjectURL ??= () => undefined;
  render(<DataSection />);
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Export all as JSON" }));
  });
  assert.deepEqual(exported, [{ format: "json" }]);
});
