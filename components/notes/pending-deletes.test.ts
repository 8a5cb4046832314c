import { describe, expect, it, vi } from "vitest";
import { createPendingDeletes } from "./pending-deletes";

describe("pending deletes", () => {
  it("hides a note at once and sends nothing until committed", async () => {
    const store = createPendingDeletes();
    const run = vi.fn(async () => {});
    const seen: ReadonlySet<string>[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    store.schedule("1", run);
    expect(store.getSnapshot().has("1")).toBe(true);
    expect(run).not.toHaveBeenCalled();
    await store.commit("1");
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith({ unloading: false });
    expect(store.getSnapshot().has("1")).toBe(false);
    expect(seen.length).toBe(2);
  });

  it("undo cancels the delete for good", async () => {
    const store = createPendingDeletes();
    const run = vi.fn(async () => {});
    store.schedule("1", run);
    expect(store.undo("1")).toBe(true);
    await store.commit("1");
    store.flush();
    expect(run).not.toHaveBeenCalled();
    expect(store.getSnapshot().size).toBe(0);
  });

  it("sends each delete once even when closed twice, and cannot be undone mid-flight", async () => {
    const store = createPendingDeletes();
    let release!: () => void;
    const run = vi.fn(() => new Promise<void>((r) => (release = r)));
    store.schedule("1", run);
    const first = store.commit("1");
    void store.commit("1");
    expect(store.undo("1")).toBe(false);
    expect(store.getSnapshot().has("1")).toBe(true);
    release();
    await first;
    expect(run).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().has("1")).toBe(false);
  });

  it("flush sends every waiting delete as unloading (tab closed inside the Undo window)", () => {
    const store = createPendingDeletes();
    const a = vi.fn(async () => {});
    const b = vi.fn(async () => {});
    store.schedule("a", a);
    store.schedule("b", b);
    store.undo("b");
    store.flush();
    expect(a).toHaveBeenCalledWith({ unloading: true });
    expect(b).not.toHaveBeenCalled();
  });

  it("keeps the snapshot identity stable between changes (for useSyncExternalStore)", () => {
    const store = createPendingDeletes();
    const s1 = store.getSnapshot();
    expect(store.getSnapshot()).toBe(s1);
    store.schedule("x", async () => {});
    expect(store.getSnapshot()).not.toBe(s1);
  });
});
