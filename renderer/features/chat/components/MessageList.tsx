// The conversation's messages. Long chats are virtualised (only what is on screen is in the DOM);
// short ones render plainly. The view follows a streaming answer unless the user scrolled up.
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Message } from "../../../../native/contract/conversations.ts";
import { MessageItem } from "./MessageItem.tsx";
import { modelChanges } from "../model-changes.ts";

/** Above this many messages the list is virtualised. */
export const VIRTUALIZE_FROM = 60;

export interface MessageListProps {
  messages: Message[];
  idle: boolean;
  onEdit: (id: string, text: string) => void;
  onRegenerate: () => void;
  onSelectVersion?: (id: string) => void;
}

export function MessageList({ messages, idle, onEdit, onRegenerate, onSelectVersion }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
  const virtual = messages.length >= VIRTUALIZE_FROM;

  const virtualizer = useVirtualizer({
    count: virtual ? messages.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 160,
    overscan: 6,
    getItemKey: (i) => messages[i]?.id ?? i,
  });

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }, []);

  const last = messages.at(-1);
  const tail = `${messages.length}:${last?.id}:${last?.status}:${last?.text.length ?? 0}:${last?.thinking?.length ?? 0}`;
  useLayoutEffect(() => {
    if (!pinned.current) return;
    if (virtual) virtualizer.scrollToIndex(messages.length - 1, { align: "end" });
    else if (scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
  }, [tail, virtual, virtualizer, messages.length]);

  // Opening another conversation starts at its end.
  const first = messages[0]?.id;
  useEffect(() => {
    pinned.current = true;
  }, [first]);

  const changes = useMemo(() => modelChanges(messages), [messages]);
  const item = (m: Message, i: number) => (
    <Fragment key={m.id}>
      {changes.has(m.id) && (
        <div className="model-divider" role="separator" aria-label={changes.get(m.id)}>
          <span>{changes.get(m.id)}</span>
        </div>
      )}
      <MessageItem message={m} idle={idle} canRegenerate={i === lastAssistant} onEdit={onEdit} onRegenerate={onRegenerate} onSelectVersion={onSelectVersion} />
    </Fragment>
  );

  return (
    <div className="message-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages">
      {virtual ? (
        <div className="message-column" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${row.start}px)` }}>
              {item(messages[row.index]!, row.index)}
            </div>
          ))}
        </div>
      ) : (
        <div className="message-column">{messages.map(item)}</div>
      )}
    </div>
  );
}
