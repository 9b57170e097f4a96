// What both evaluate stores (Evaluate, Compare models) do with their one engine request: mark it
// running, fold its progress events into the running state, end with the report or with an error for
// the user (none when it was cancelled), and cancel it on request.
import type { ProgressEvent } from "../../../../native/contract/events.ts";
import { api } from "../../../services/api.ts";
import { errorMessage, isAborted, newRequestId } from "../../../shared/errors.ts";

export interface RunningRequest {
  requestId: string;
  cancelling: boolean;
}

/** The part of an evaluate store these helpers read and write. */
export interface RequestStore<Run extends RunningRequest, Report> {
  getState(): { running: Run | null };
  setState(partial: { running?: Run | null; report?: Report | null; error?: string | null }): void;
}

export async function runRequest<Run extends RunningRequest, Report>(
  store: RequestStore<Run, Report>,
  steps: {
    /** The running state at the start. */
    start: (requestId: string) => Run;
    /** The running state after a progress event of this request. */
    progress: (run: Run, event: ProgressEvent) => Run;
    /** Sends the request (reading what it needs first: a failure there is shown like the engine's). */
    send: (requestId: string) => Promise<Report>;
  },
): Promise<void> {
  const requestId = newRequestId();
  store.setState({ running: steps.start(requestId), error: null, report: null });
  const off = api().on("progress", (event) => {
    const run = store.getState().running;
    if (run && event.requestId === requestId) store.setState({ running: steps.progress(run, event) });
  });
  try {
    store.setState({ report: await steps.send(requestId) });
  } catch (err) {
    store.setState({ error: isAborted(err) ? null : errorMessage(err) });
  } finally {
    off();
    store.setState({ running: null });
  }
}

export function cancelRequest<Run extends RunningRequest, Report>(store: RequestStore<Run, Report>): void {
  const run = store.getState().running;
  if (!run || run.cancelling) return;
  api().cancel(run.requestId);
  store.setState({ running: { ...run, cancelling: true } });
}
