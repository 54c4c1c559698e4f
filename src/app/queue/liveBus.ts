/**
 * Live transcript lines of conversations a caseworker is watching, within this process. With several
 * app instances a watcher connected to another instance sees the lines when it reloads the
 * transcript; a shared bus (MongoDB change streams) can replace this class behind the same methods.
 */
import type { TranscriptLine } from "./queueService.js";

type Listener = (line: TranscriptLine) => void;

export class LiveBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  publish(conversationId: string, line: TranscriptLine): void {
    for (const listener of this.listeners.get(conversationId) ?? []) listener(line);
  }

  subscribe(conversationId: string, listener: Listener): () => void {
    const set = this.listeners.get(conversationId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(conversationId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(conversationId);
    };
  }
}
