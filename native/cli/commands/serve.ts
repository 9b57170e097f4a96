// `enclave serve`: the OpenAI-compatible API server, headless, for a workstation serving a team.
// Loopback and a bearer token by default; the token is generated on first start and kept 0600 in
// the data folder. Runs until Ctrl-C.
import { expectPositionals, intOption, stringOption } from "../../host/args.ts";
import { GLOBAL_OPTIONS_HELP, type Command } from "../command.ts";
import { UsageError } from "../../host/exit-codes.ts";
import { startApiServer } from "../../server/start.ts";
import { PolicyService } from "../../policy/policy-service.ts";
import { loadOrCreateToken, tokenFilePath } from "../../server/token-file.ts";
import { DEFAULT_SERVING_SEQUENCES } from "../../inference/model-host.ts";

const usage = `Usage: enclave serve [--model MODEL] [--host HOST] [--port PORT] [options]

Serves the OpenAI-compatible API (/v1/chat/completions, /v1/completions, /v1/embeddings,
/v1/models) until Ctrl-C. Every request needs "Authorization: Bearer <token>": the token is
generated on first start and kept in <data-dir>/api-token (mode 0600).

Options:
  --model MODEL      load this model (library id, sha256 or path) to answer with
  --parallel N       requests generated at once on the model (default ${DEFAULT_SERVING_SEQUENCES}); more wait, then get 429
  --context N        context size per request, in tokens
  --host HOST        where to listen (default: the apiServer setting, 127.0.0.1)
  --port PORT        port (default: the apiServer setting, 8377; 0 picks a free one)
  --allow-remote     allow a HOST other than loopback (the API is then reachable from the network)
  --token TOKEN      use this token instead of the stored one (env ENCLAVE_API_TOKEN is safer:
                     a command line is visible to other users of the machine)
  --cors ORIGINS     comma-separated browser origins allowed to call the API (default: none)
  --metrics          serve Prometheus metrics at /metrics (behind the token)
  --log              print one JSON line per request on stderr (never prompt text)

${GLOBAL_OPTIONS_HELP}`;

export const serveCommand: Command = {
  words: ["serve"],
  summary: "Serve the OpenAI-compatible API",
  usage,
  options: {
    model: { type: "string" },
    parallel: { type: "string" },
    context: { type: "string" },
    host: { type: "string" },
    port: { type: "string" },
    "allow-remote": { type: "boolean" },
    token: { type: "string" },
    cors: { type: "string" },
    metrics: { type: "boolean" },
    log: { type: "boolean" },
  },
  async run(ctx) {
    expectPositionals(ctx.args, [], usage);
    const values = ctx.args.values;
    const parallel = intOption(values, "parallel", { min: 1, max: 64 }, usage) ?? DEFAULT_SERVING_SEQUENCES;
    const contextSize = intOption(values, "context", { min: 128 }, usage);
    const port = intOption(values, "port", { min: 0, max: 65535 }, usage);
    const given = stringOption(values, "token") ?? (ctx.io.env.ENCLAVE_API_TOKEN || undefined);
    if (given !== undefined && given.length < 16) throw new UsageError("--token must be at least 16 characters long", usage);

    const client = await ctx.engine();
    const { settings } = await client.call("settings.get", {});
    const model = stringOption(values, "model");
    if (model) {
      const loaded = await client.call("inference.load", { model, servingSequences: parallel, ...(contextSize && { contextSize }) }, { signal: ctx.signal });
      ctx.io.stderr.write(`Loaded ${loaded.model.displayName} (${parallel} request${parallel > 1 ? "s" : ""} at once, ${loaded.contextSize} tokens each)\n`);
    } else ctx.io.stderr.write("No --model given: chat and completions answer 503 until a model is loaded.\n");

    const { dataDir } = await client.call("engine.info", {});
    const stored = given === undefined ? await loadOrCreateToken(tokenFilePath(dataDir)) : undefined;
    const corsOrigins = (stringOption(values, "cors") ?? "").split(",").map((o) => o.trim()).filter(Boolean);
    // The server runs in this process, the engine in its child: the organisation's policy on where the
    // API may listen comes from the engine and is applied here before binding.
    const policy = new PolicyService(await client.call("policy.get", {}));
    const auditing = new Set<Promise<void>>();
    const server = await startApiServer({
      client,
      token: given ?? stored!.token,
      host: stringOption(values, "host") ?? settings.apiServer.host,
      port: port ?? settings.apiServer.port,
      allowRemote: values["allow-remote"] === true,
      bindAllowed: (host) => policy.allowsApiServerBind(host),
      corsOrigins: corsOrigins.length ? corsOrigins : settings.apiServer.corsOrigins,
      metrics: values.metrics === true || settings.apiServer.metrics,
      // The engine audits requests the in-app server answers; this server lives in the CLI process,
      // so it reports each one to the engine's audit log (no text), as well as to stderr with --log.
      onRequestLogged: (entry) => {
        if (values.log === true) ctx.io.stderr.write(`${JSON.stringify(entry)}\n`);
        const recording = client.call("audit.recordApiRequest", entry).then(
          () => undefined,
          (err: unknown) => void ctx.io.stderr.write(`enclave: could not audit an API request: ${err instanceof Error ? err.message : String(err)}\n`),
        );
        auditing.add(recording);
        void recording.finally(() => auditing.delete(recording));
      },
    });
    try {
      ctx.io.stdout.write(`Listening on ${server.url}\n`);
      if (stored) ctx.io.stdout.write(stored.created ? `API token (new, saved to ${tokenFilePath(dataDir)}): ${stored.token}\n` : `API token: in ${tokenFilePath(dataDir)}\n`);
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      ctx.io.stderr.write("Stopping the API server.\n");
    } finally {
      await server.close();
      await Promise.all(auditing); // the engine stops after this command: records still on their way land first
    }
  },
};
