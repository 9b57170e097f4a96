// The fits / tight / won't-fit verdict for a variant, with what it is measured against.
import type { MemoryEstimate } from "../../../../native/contract/models.ts";
import { formatBytes, verdictHelp, verdictLabel } from "../../format.ts";

export function FitBadge({ estimate }: { estimate: MemoryEstimate | null }) {
  const verdict = estimate?.verdict ?? "unknown";
  const against = estimate ? ` (${formatBytes(estimate.freeRamBytes)} RAM free${estimate.freeVramBytes ? `, ${formatBytes(estimate.freeVramBytes)} VRAM free` : ""})` : "";
  return (
    <span className={`badge badge-${verdict}`} title={verdictHelp[verdict] + against}>
      {verdictLabel[verdict]}
    </span>
  );
}
