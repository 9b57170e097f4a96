import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { RemoteModelsSection } from "./RemoteModelsSection.tsx";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";
import { DEFAULT_SETTINGS, type RemoteModel, type Settings } from "../../../../native/contract/settings.ts";

afterEach(cleanup);

const TEAM: RemoteModel = { id: "team-llm", baseUrl: "http://gpu-server:8000/v1", model: "llama-3.1-8b" };
let api: FakeApi;
let saved: Partial<Settings>[];
let keys: Record<string, string | null>;

beforeEach(() => {
  saved = [];
  keys = { "team-llm": "sk-stored" };
  api = freshApi()
    .handle("remote.keys", () => ({ withKey: Object.keys(keys).filter((id) => keys[id]), store: "keychain" }))
    .handle("remote.setKey", ({ id, key }) => {
      keys[id] = key;
      return { id, hasKey: key !== null };
    })
    .handle("settings.update", (patch) => {
      saved.push(patch);
      return { settings: { ...DEFAULT_SETTINGS, ...patch } as Settings, locked: [] };
    });
});

async function show(value: RemoteModel[] = [TEAM]) {
  await act(async () => {
    render(<RemoteModelsSection value={value} offline={false} />);
  });
}

async function type(label: string | RegExp, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  });
}

test("lists each remote model with whether a key is stored, and where keys are kept; the key itself never shows", async () => {
  await show();
  const item = screen.getByRole("listitem");
  assert.ok(within(item).getByText("team-llm"));
  assert.match(item.textContent ?? "", /llama-3\.1-8b at http:\/\/gpu-server:8000\/v1 · key stored/);
  assert.match(screen.getByText(/Keys are kept/).textContent ?? "", /in the system keychain/);
  assert.equal(screen.queryByText(/sk-stored/), null);
});

test("test connection says it is connected, or exactly what is wrong", async () => {
  let answer: "ok" | "missing" | "down" = "ok";
  api.handle("remote.test", () => {
    if (answer === "down") throw { code: "ENGINE_UNAVAILABLE", message: 'The remote model "team-llm" could not be reached at http://gpu-server:8000/v1/models: connect ECONNREFUSED' };
    return { models: answer === "ok" ? ["llama-3.1-8b"] : ["other-a", "other-b"], modelListed: answer === "ok", latencyMs: 12 };
  });
  await show();
  const button = screen.getByRole("button", { name: "Test connection to team-llm" });
  await act(async () => void fireEvent.click(button));
  assert.match(screen.getByRole("status").textContent ?? "", /Connected in 12 ms; it serves "llama-3\.1-8b"/);
  answer = "missing";
  await act(async () => void fireEvent.click(button));
  assert.match(screen.getByRole("alert").textContent ?? "", /does not serve "llama-3\.1-8b"\. It serves: other-a, other-b\./);
  answer = "down";
  await act(async () => void fireEvent.click(button));
  assert.match(screen.getByRole("alert").textContent ?? "", /could not be reached .* ECONNREFUSED/);
});

test("adding checks every field in place, then saves the model and stores its key apart", async () => {
  await show([]);
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Add a remote model…" })));
  await type("Name", "bad name!");
  await type("Base URL", "gpu-server:8000");
  await type("Context size", "12.5");
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Add remote model" })));
  assert.match(screen.getByLabelText("Name").getAttribute("aria-invalid") ?? "", /true/);
  assert.ok(screen.getByText(/letters, digits/, { selector: ".field-error" }));
  assert.ok(screen.getByText(/a full http:\/\/ or https:\/\/ address/));
  assert.ok(screen.getByText("A whole number of tokens, 128 or more."));
  assert.ok(screen.getByText("The model's id on the endpoint is needed."));
  assert.deepEqual(saved, [], "nothing was saved");

  await type("Name", "vllm");
  await type("Base URL", "http://gpu-server:8000/v1");
  await type("Model id", "qwen2.5-7b");
  await type("Context size", "32768");
  await type("API key", "sk-new-key");
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Add remote model" })));
  assert.deepEqual(saved, [{ remoteModels: [{ id: "vllm", baseUrl: "http://gpu-server:8000/v1", model: "qwen2.5-7b", contextSize: 32768 }] }]);
  assert.equal(keys.vllm, "sk-new-key");
  assert.equal(JSON.stringify(saved).includes("sk-new-key"), false, "the key is never in settings");
  assert.equal(screen.queryByRole("form"), null, "the form closes once saved");
});

test("a refusal from the engine (the policy) is shown in the form, and nothing else is stored", async () => {
  api.handle("settings.update", () => {
    throw { code: "POLICY_DENIED", message: "Remote backends are turned off by your organisation's policy." };
  });
  await show([]);
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Add a remote model…" })));
  await type("Name", "vllm");
  await type("Base URL", "http://gpu-server:8000/v1");
  await type("Model id", "qwen2.5-7b");
  await type("API key", "sk-new-key");
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Add remote model" })));
  assert.match(screen.getByRole("alert").textContent ?? "", /turned off by your organisation's policy/);
  assert.equal(keys.vllm, undefined, "no key stored for a model that was not saved");
});

test("editing keeps the stored key unless a new one is typed; removing asks, then forgets the model and its key", async () => {
  await show();
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Edit team-llm" })));
  assert.equal((screen.getByLabelText("Name") as HTMLInputElement).disabled, true);
  assert.ok(screen.getByText("A key is stored; leave empty to keep it."));
  await type("Model id", "llama-3.1-70b");
  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
  assert.deepEqual(saved.at(-1), { remoteModels: [{ ...TEAM, model: "llama-3.1-70b" }] });
  assert.equal(keys["team-llm"], "sk-stored");
  assert.equal(api.calls.some((c) => c.method === "remote.setKey"), false);

  await act(async () => void fireEvent.click(screen.getByRole("button", { name: "Remove team-llm" })));
  const dialog = screen.getByRole("dialog");
  assert.match(dialog.textContent ?? "", /stored API key is forgotten/);
  await act(async () => void fireEvent.click(within(dialog).getByRole("button", { name: "Remove" })));
  assert.deepEqual(saved.at(-1), { remoteModels: [] });
  assert.equal(keys["team-llm"], null);
});
