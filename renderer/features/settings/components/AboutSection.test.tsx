import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, render, screen } from "@testing-library/react";
import { AboutSection, fetchNotices, LICENSES_URL } from "./AboutSection.tsx";
import type { EngineInfo } from "../../../../native/contract/system.ts";

afterEach(cleanup);

const info: EngineInfo = {
  version: "0.1.0", pid: 1, node: "20.20.2", platform: "linux", arch: "x64", cpus: 2, dataDir: "/d", uptimeMs: 5, gpu: false,
  components: { app: "0.1.0", electron: "45.4.1", node: "22.20.0", nodeLlamaCpp: "3.21.1", llamaCpp: "b6000 (ggml-org/llama.cpp)", lancedb: "0.31.0", commit: "8ad9de890d6c" },
};

test("About shows the app, Electron, node-llama-cpp, llama.cpp and LanceDB versions", async () => {
  await act(async () => {
    render(<AboutSection info={info} />);
  });
  for (const text of ["45.4.1", "3.21.1", "b6000 (ggml-org/llama.cpp)", "0.31.0", "8ad9de890d6c"]) assert.ok(screen.getByText(text), text);
  assert.ok(screen.getByText("Third-party licences"));
});

test("an engine without components still shows its version, and nothing unknown is invented", async () => {
  await act(async () => {
    render(<AboutSection info={{ ...info, components: undefined }} />);
  });
  assert.ok(screen.getByText("0.1.0"));
  assert.equal(screen.queryByText("LanceDB"), null);
});

test("the licence texts come from the file generated into the build; a build without it says how to make it", async () => {
  const asked: string[] = [];
  const ok = await fetchNotices((async (url: string) => {
    asked.push(url);
    return new Response("Third-party software in enclave 0.1.0");
  }) as typeof fetch);
  assert.deepEqual(asked, [LICENSES_URL]);
  assert.deepEqual(ok, { state: "shown", text: "Third-party software in enclave 0.1.0" });
  const missing = await fetchNotices((async () => new Response("", { status: 404 })) as typeof fetch);
  assert.equal(missing.state, "missing");
  assert.match(missing.state === "missing" ? missing.reason : "", /npm run build:licenses/);
});
