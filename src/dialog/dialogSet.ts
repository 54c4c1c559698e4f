/**
 * The loaded dialogs, every version of each. New conversations start on the newest version; a live
 * conversation keeps running on the version it started with (or is migrated explicitly).
 */
import type { Dialog } from "./schema/dialogSchema.js";

export class DialogSet {
  private readonly byId = new Map<string, Map<number, Dialog>>();

  constructor(dialogs: Iterable<Dialog>) {
    for (const dialog of dialogs) {
      const versions = this.byId.get(dialog.id) ?? new Map<number, Dialog>();
      versions.set(dialog.version, dialog);
      this.byId.set(dialog.id, versions);
    }
  }

  /** The newest version of a dialog. */
  latest(id: string): Dialog | undefined {
    const versions = this.byId.get(id);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  get(id: string, version: number): Dialog | undefined {
    return this.byId.get(id)?.get(version);
  }

  /** The newest version of every dialog. */
  all(): Dialog[] {
    return [...this.byId.keys()].flatMap((id) => {
      const dialog = this.latest(id);
      return dialog ? [dialog] : [];
    });
  }

  /** The dialogs people can start (flows), newest versions. */
  flows(): Dialog[] {
    return this.all().filter((d) => d.kind === "flow");
  }
}
