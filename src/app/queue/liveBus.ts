/**
 * Live transcript lines of conversations a caseworker is watching, and "the queue changed" signals
 * for open queue pages (per organisation, no content: the page re-reads what it may see), within
 * this process. With several app instances a watcher connected to another instance sees the change
 * when it reloads; a shared bus (MongoDB change streams) can replace this class behind the same
 * methods.
 */
import type { TranscriptLine } from "./queueService.js";

type Listener = (line: TranscriptLine) => void;

export class LiveBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly queueListeners = new Map<string, Set<() => void>>();

  publish(conversationId: string, line: TranscriptLine): void {
    for (const listener of this.listeners.get(conversationId) ?? []) listener(line);
  }

  subscribe(conversationId: string, listener: Listener): () => void {
    return addListener(this.listeners, conversationId, listener);
  }

  publishQueueChange(organisation: string): void {
    for (const listener of this.queueListeners.get(organisation) ?? []) listener();
  }

  subscribeQueue(organisation: string, listener: () => void): () => void {
    return addListener(this.queueListeners, organisation, listener);
  }
}

function addListener<L>(map: Map<string, Set<L>>, key: string, listener: L): () => void {
  const set = map.get(key) ?? new Set<L>();
  set.add(listener);
  map.set(key, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) map.delete(key);
  };
}
