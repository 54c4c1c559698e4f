/**
 * Plays each script once, step by step, waiting for the server to be idle after each, and counts
 * the replies every step brings: the load run then knows when a turn is complete (a disclosure
 * brings help contacts and a question; a long text goes in several parts). Also checks that each
 * script really reaches the end of the intake (the reference number), so the load is valid.
 */
import type { FakeApis } from "./fakeApis.js";
import { recipientFor, replyText, script, webhookFor, type Channel, type Variant, type WebhookTarget } from "./families.js";
import type { ExpectedReplies } from "./load.js";

/** The replies each step brings, by channel and variant, in order. */
export type ScriptReplies = Readonly<Record<`${Channel}:${Variant}`, readonly (readonly string[])[]>>;

export interface Calibration {
  readonly expected: ExpectedReplies;
  readonly replies: ScriptReplies;
  readonly problems: string[];
}

/** `idle` settles once the server has no turn or delivery in progress. */
export async function calibrate(url: string, fakes: FakeApis, idle: () => Promise<unknown>, hooks: WebhookTarget, firstFamily: number): Promise<Calibration> {
  const replies = new Map<string, string[]>();
  fakes.capture = (channel, recipient, body) => {
    const key = `${channel}:${recipient}`;
    replies.set(key, [...(replies.get(key) ?? []), replyText(channel, body)]);
  };
  const expected = {} as Record<`${Channel}:${Variant}`, number[]>;
  const texts = {} as Record<`${Channel}:${Variant}`, string[][]>;
  const problems: string[] = [];
  let n = firstFamily;
  try {
    for (const channel of ["telegram", "whatsapp"] as const satisfies readonly Channel[]) {
      for (const variant of ["intake", "disclosure"] as const satisfies readonly Variant[]) {
        const recipient = recipientFor(channel, n++);
        const key = `${channel}:${recipient}`;
        const counts: number[] = [];
        const stepTexts: string[][] = [];
        for (const step of script(variant)) {
          const before = replies.get(key)?.length ?? 0;
          const hook = webhookFor(hooks, channel, recipient, step);
          const response = await fetch(`${url}${hook.path}`, { method: "POST", headers: hook.headers, body: hook.body });
          if (response.status !== 200) problems.push(`${key}: webhook answered ${response.status}`);
          await idle();
          counts.push((replies.get(key)?.length ?? 0) - before);
          stepTexts.push((replies.get(key) ?? []).slice(before));
        }
        expected[`${channel}:${variant}`] = counts;
        texts[`${channel}:${variant}`] = stepTexts;
        const all = replies.get(key) ?? [];
        if (!/reference is/i.test(all.at(-1) ?? "")) problems.push(`${channel}/${variant} did not reach the end of the intake: last reply ${JSON.stringify((all.at(-1) ?? "").slice(0, 200))}`);
        if (counts.some((c) => c === 0)) problems.push(`${channel}/${variant}: a step got no reply (${counts.join(",")})`);
        if (variant === "disclosure" && !all.some((text) => /116 111/.test(text))) problems.push(`${channel}/disclosure: no help contacts`);
      }
    }
  } finally {
    fakes.capture = undefined;
  }
  return { expected, replies: texts, problems };
}

/** The echo answers every message once. */
export function echoExpectations(): ExpectedReplies {
  const ones = (variant: Variant) => script(variant).map(() => 1);
  return { "telegram:intake": ones("intake"), "telegram:disclosure": ones("disclosure"), "whatsapp:intake": ones("intake"), "whatsapp:disclosure": ones("disclosure") };
}
