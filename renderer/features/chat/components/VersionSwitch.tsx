// ‹ 2/3 › on a message with other versions (answers regenerated, questions edited): steps to the
// previous or next version; the conversation then follows that version's branch.
import type { Message } from "../../../../native/contract/conversations.ts";

export function VersionSwitch({ message, disabled, onSelect }: { message: Message; disabled: boolean; onSelect: (id: string) => void }) {
  const versions = message.versions;
  if (!versions) return null;
  const { index, ids } = versions;
  const what = message.role === "user" ? "message" : "answer";
  return (
    <div className="version-switch" role="group" aria-label={`Version ${index} of ${ids.length} of this ${what}`}>
      <button type="button" className="btn btn-small" aria-label={`Previous version of this ${what}`} disabled={disabled || index <= 1} onClick={() => onSelect(ids[index - 2]!)}>
        ‹
      </button>
      <span className="version-count" aria-hidden="true">
        {index}/{ids.length}
      </span>
      <button type="button" className="btn btn-small" aria-label={`Next version of this ${what}`} disabled={disabled || index >= ids.length} onClick={() => onSelect(ids[index]!)}>
        ›
      </button>
    </div>
  );
}
