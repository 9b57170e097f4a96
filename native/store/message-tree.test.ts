import { test } from "node:test";
import assert from "node:assert/strict";
import type { Message } from "../contract/conversations.ts";
import { activePath, addMessage, emptyTree, removeFrom, selectionsToRestore, selectMessage, versionsOf, type MessageTree } from "./message-tree.ts";

const msg = (id: string): Message => ({ id, role: id.startsWith("q") ? "user" : "assistant", text: id, createdAt: "t" });
const ids = (tree: MessageTree) => activePath(tree).map((m) => m.id);

test("a new version is shown; selecting another shows its branch, with the choices below it kept", () => {
  const t = emptyTree();
  addMessage(t, msg("q1"), null);
  addMessage(t, msg("a1"), "q1");
  addMessage(t, msg("q2"), "a1");
  addMessage(t, msg("a2"), "q2");
  addMessage(t, msg("a2b"), "q2"); // regenerate
  assert.deepEqual(ids(t), ["q1", "a1", "q2", "a2b"]);
  assert.deepEqual(versionsOf(t, "a2b"), { index: 2, ids: ["a2", "a2b"] });
  addMessage(t, msg("q1b"), null); // edit the first question: a branch
  addMessage(t, msg("a1b"), "q1b");
  assert.deepEqual(ids(t), ["q1b", "a1b"]);
  selectMessage(t, "q1");
  assert.deepEqual(ids(t), ["q1", "a1", "q2", "a2b"], "the old branch, with its own choice of answer");
  selectMessage(t, "a1b"); // a message deep in another branch: its ancestors are selected too
  assert.deepEqual(ids(t), ["q1b", "a1b"]);
});

test("adding under a missing parent or twice is refused and changes nothing", () => {
  const t = emptyTree();
  addMessage(t, msg("q1"), null);
  assert.match(addMessage(t, msg("a1"), "nope")!, /not there/);
  assert.match(addMessage(t, msg("q1"), null)!, /already/);
  assert.deepEqual(ids(t), ["q1"]);
});

test("removeFrom drops a message and everything below it; its parent shows the newest remaining version", () => {
  const t = emptyTree();
  addMessage(t, msg("q1"), null);
  addMessage(t, msg("a1"), "q1");
  addMessage(t, msg("a1b"), "q1");
  addMessage(t, msg("q2"), "a1b");
  removeFrom(t, "a1b");
  assert.deepEqual(ids(t), ["q1", "a1"]);
  assert.equal(t.nodes.has("q2"), false);
});

test("selectionsToRestore rebuilds every choice when replayed after the nodes (random trees)", () => {
  let seed = 7;
  const rand = (n: number): number => {
    // mulberry32: small, deterministic, well spread
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
  for (let round = 0; round < 200; round++) {
    const t = emptyTree();
    const all: string[] = [];
    for (let i = 0; i < 12; i++) {
      const parent = all.length === 0 || rand(4) === 0 ? null : all[rand(all.length)]!;
      addMessage(t, msg(`m${i}`), parent);
      all.push(`m${i}`);
    }
    for (let i = 0; i < 4; i++) selectMessage(t, all[rand(all.length)]!);
    const copy = emptyTree();
    for (const id of t.nodes.keys()) addMessage(copy, msg(id), t.parentOf.get(id) ?? null);
    for (const id of selectionsToRestore(t)) selectMessage(copy, id);
    assert.deepEqual(ids(copy), ids(t), `round ${round}`);
    for (const [key, children] of t.children) {
      const pick = (x: MessageTree) => x.selected.get(key) ?? children[children.length - 1];
      assert.equal(pick(copy), pick(t), `round ${round}, choice under ${key || "root"}`);
    }
  }
});
