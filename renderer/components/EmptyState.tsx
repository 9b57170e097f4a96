// What an empty view shows: what this place is for and the next step to take.
import type { ReactNode } from "react";

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <h2 className="empty-title">{title}</h2>
      <div className="empty-text">{children}</div>
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
