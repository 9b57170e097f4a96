// The messages of a conversation as a tree: every message has a parent (null for the first), and
// messages with the same parent are versions of one another (an answer regenerated, a question
// edited). Each parent remembers which child is selected; the conversation shown is the active
// path from the root along the selected children. Nothing is ever thrown away by regenerate or edit.
//
// The tree owns the Message objects; the active path holds the same objects (a delta appended to a
// streaming answer changes it in both at once, without copying).
import type { Message } from "../contract/conversations.ts";

/** The key under which the first messages (parent null) are children. */
const ROOT = "";

export interface MessageTree {
  /** Every message, in the order it was added. */
  nodes: Map<string, Message>;
  parentOf: Map<string, string | null>;
  /** Children of each parent id (ROOT for the first messages), oldest first. */
  children: Map<string, string[]>;
  /** The selected child of each parent; missing means the newest. */
  selected: Map<string, string>;
}

export function emptyTree(): MessageTree {
  return { nodes: new Map(), parentOf: new Map(), children: new Map(), selected: new Map() };
}

const keyOf = (parent: string | null): string => parent ?? ROOT;

/** Adds `message` under `parent` and selects it (a new version is the one shown). */
export function addMessage(tree: MessageTree, message: Message, parent: string | null): string | null {
  if (tree.nodes.has(message.id)) return `message ${message.id} is already there`;
  if (parent !== null && !tree.nodes.has(parent)) return `message ${message.id} follows ${parent}, which is not there`;
  tree.nodes.set(message.id, message);
  tree.parentOf.set(message.id, parent);
  const key = keyOf(parent);
  tree.children.set(key, [...(tree.children.get(key) ?? []), message.id]);
  tree.selected.set(key, message.id);
  return null;
}

/** Shows message `id`: it and each of its ancestors become the version shown among their siblings
 *  (below it, each message keeps the version it had selected). */
export function selectMessage(tree: MessageTree, id: string): string | null {
  if (!tree.nodes.has(id)) return `select ${id}, which is not there`;
  for (let at: string | null = id; at !== null; at = tree.parentOf.get(at) ?? null) tree.selected.set(keyOf(tree.parentOf.get(at) ?? null), at);
  return null;
}

/** Removes `id` and everything below it (the journal's older, destructive `truncate`). */
export function removeFrom(tree: MessageTree, id: string): string | null {
  if (!tree.nodes.has(id)) return `truncate from ${id}, which is not there`;
  const key = keyOf(tree.parentOf.get(id) ?? null);
  const siblings = (tree.children.get(key) ?? []).filter((c) => c !== id);
  if (siblings.length) tree.children.set(key, siblings);
  else tree.children.delete(key);
  if (tree.selected.get(key) === id) {
    if (siblings.length) tree.selected.set(key, siblings[siblings.length - 1]!);
    else tree.selected.delete(key);
  }
  const stack = [id];
  while (stack.length) {
    const gone = stack.pop()!;
    stack.push(...(tree.children.get(gone) ?? []));
    tree.nodes.delete(gone);
    tree.parentOf.delete(gone);
    tree.children.delete(gone);
    tree.selected.delete(gone);
  }
  return null;
}

/** The conversation shown: from the root along each selected child. */
export function activePath(tree: MessageTree): Message[] {
  const path: Message[] = [];
  let key = ROOT;
  for (;;) {
    const children = tree.children.get(key);
    if (!children?.length) return path;
    const next = tree.selected.get(key) ?? children[children.length - 1]!;
    path.push(tree.nodes.get(next)!);
    key = next;
  }
}

/** The versions of `id` (it and its siblings, oldest first) and its place among them. */
export function versionsOf(tree: MessageTree, id: string): { index: number; ids: string[] } {
  const ids = tree.children.get(keyOf(tree.parentOf.get(id) ?? null)) ?? [id];
  return { index: ids.indexOf(id) + 1, ids: [...ids] };
}

/**
 * Select records that rebuild every choice among versions after the nodes were replayed in order.
 * A select also selects its ancestors, so they go deepest first: each level is then set last by its
 * own record. Only groups with more than one version need one.
 */
export function selectionsToRestore(tree: MessageTree): string[] {
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let at = tree.parentOf.get(id) ?? null; at !== null; at = tree.parentOf.get(at) ?? null) depth++;
    return depth;
  };
  const chosen: { id: string; depth: number }[] = [];
  for (const [key, children] of tree.children) {
    if (children.length < 2) continue;
    const id = tree.selected.get(key) ?? children[children.length - 1]!;
    chosen.push({ id, depth: depthOf(id) });
  }
  return chosen.sort((a, b) => b.depth - a.depth).map((c) => c.id);
}
