// llama.cpp's own `llama-bench`, built once from the very source node-llama-cpp bundles
// (llama/gitRelease.bundle), so `npm run bench` can state Enclave's decode and prefill as ratios of
// llama.cpp itself on the same file and threads. The build lives in .cache/llama-bench/<commit>/;
// where there is no C++ toolchain the bench says so and goes on without the reference.
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CACHE_ROOT, getLlamaSourceCommit, getLlamaSourceFile } from "../test/fixtures/llama-source.ts";

const run = promisify(execFile);

export interface LlamaBenchResult {
  /** Prompt processing (prefill), tokens per second. */
  prefill: number;
  /** Generation (decode), tokens per second. */
  decode: number;
}

function hasTool(name: string): boolean {
  return spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * The llama-bench binary, building it the first time (minutes); or the reason it cannot be had.
 * `openmp: false` builds it with ggml's own thread pool instead of OpenMP, as node-llama-cpp's
 * prebuilt binaries are (they link no libgomp): the fair reference for how threads are run.
 */
export async function ensureLlamaBench(log: (line: string) => void, options: { openmp?: boolean } = {}): Promise<{ path: string } | { missing: string }> {
  for (const tool of ["cmake", "c++", "git"]) if (!hasTool(tool)) return { missing: `no ${tool} on this machine` };
  const commit = await getLlamaSourceCommit();
  const openmp = options.openmp ?? true;
  const base = join(CACHE_ROOT, "llama-bench", openmp ? commit : `${commit}-no-openmp`);
  const binary = join(base, "build", "bin", "llama-bench");
  if (existsSync(binary)) return { path: binary };
  const src = join(base, "src");
  if (!existsSync(join(src, "CMakeLists.txt"))) {
    await getLlamaSourceFile("CMakeLists.txt"); // clones the bundle into the cache once
    const repo = join(CACHE_ROOT, "llama.cpp-src", commit, "repo.git");
    await rm(src, { recursive: true, force: true });
    await mkdir(src, { recursive: true });
    await run("sh", ["-c", `git --git-dir "${repo}" archive ${commit} | tar -x -C "${src}"`], { maxBuffer: 1 << 26 });
  }
  log(`building llama-bench${openmp ? "" : " without OpenMP"} from llama.cpp ${commit.slice(0, 10)} (once; a few minutes)…`);
  const build = join(base, "build");
  // GGML_NATIVE: tuned for this CPU, as a local llama.cpp build is; no network features, static.
  await run("cmake", ["-S", src, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DGGML_NATIVE=ON", `-DGGML_OPENMP=${openmp ? "ON" : "OFF"}`, "-DLLAMA_CURL=OFF", "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=OFF", "-DBUILD_SHARED_LIBS=OFF"], { maxBuffer: 1 << 26 });
  await run("cmake", ["--build", build, "--target", "llama-bench", "-j", String(availableParallelism())], { maxBuffer: 1 << 28 });
  return existsSync(binary) ? { path: binary } : { missing: `the build finished without ${binary}` };
}

/** llama-bench's averages for one thread count: prefill of `promptTokens`, decode of `genTokens`. */
export async function llamaBench(binary: string, model: string, threads: number, promptTokens: number, genTokens: number, repeats: number): Promise<LlamaBenchResult> {
  const { stdout } = await run(binary, ["-m", model, "-t", String(threads), "-p", String(promptTokens), "-n", String(genTokens), "-r", String(repeats), "-ngl", "0", "-o", "json"], { maxBuffer: 1 << 24 });
  const rows = JSON.parse(stdout) as { n_prompt: number; n_gen: number; avg_ts: number }[];
  const prefill = rows.find((r) => r.n_prompt > 0 && r.n_gen === 0)?.avg_ts;
  const decode = rows.find((r) => r.n_gen > 0 && r.n_prompt === 0)?.avg_ts;
  if (prefill === undefined || decode === undefined) throw new Error(`unexpected llama-bench output: ${stdout.slice(0, 500)}`);
  return { prefill, decode };
}
