/**
 * Near rules: two phrases within a few words of each other, in either order ("touch*" near
 * "private*"). They catch what people say in many word orders without listing every sentence.
 */
import type { NearRule, ProbeOwner } from "./compileLexicon.js";
import type { Match } from "./match.js";
import type { Hit } from "./matchPhrase.js";

/** A rule fires at most this often per message: enough to quote, bounded on long messages. */
const MAX_PER_RULE = 3;

export function nearMatches(hits: readonly Hit<ProbeOwner>[], rules: readonly NearRule[]): Match[] {
  const sides = rules.map((): [Hit<ProbeOwner>[], Hit<ProbeOwner>[]] => [[], []]);
  for (const hit of hits) if (hit.owner.kind === "near") sides[hit.owner.rule]?.[hit.owner.side].push(hit);
  const matches: Match[] = [];
  rules.forEach((rule, r) => {
    const [first, second] = sides[r] ?? [[], []];
    let found = 0;
    for (const a of first) {
      if (found >= MAX_PER_RULE) break;
      const b = second.find((h) => !(h.start < a.end && a.start < h.end) && Math.max(a.start, h.start) - Math.min(a.end, h.end) <= rule.within);
      if (!b) continue;
      found += 1;
      matches.push({
        category: rule.category,
        id: rule.id,
        level: rule.level,
        start: Math.min(a.start, b.start),
        end: Math.max(a.end, b.end),
        spans: [[a.start, a.end], [b.start, b.end]],
      });
    }
  });
  return matches;
}
