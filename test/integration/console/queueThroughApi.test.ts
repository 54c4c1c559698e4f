/**
 * The issue's "done when", over the real server: a disclosure typed in the playground is at the top
 * of the queue (`kinlink queue` and the API) with its reasons; a caseworker claims it, follows the
 * conversation live over Server-Sent Events, and a reply sent through the API reaches the family.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { issueApiToken } from "../../../src/console/auth/issueApiToken.js";
import { PlaygroundPerson, startTestKinlink, type TestKinlink } from "../../helpers/kinlink.js";
import { request } from "../../helpers/channels/httpClient.js";
import { runKinlink } from "../../helpers/runKinlink.js";

describe("the queue through the API", () => {
  let kinlink: TestKinlink | undefined;
  afterEach(async () => {
    await kinlink?.stop();
    kinlink = undefined;
  });

  it("takes a playground disclosure to a caseworker's API client and a reply back to the family", async () => {
    kinlink = await startTestKinlink();
    const user = await kinlink.store.users.create({ username: "amina", displayName: "Amina", role: "caseworker", organisation: "demo", passwordHash: "", disabled: false });
    const { token } = await issueApiToken({ ...kinlink.store, clock: { now: () => new Date() } }, { user, issuedBy: "system", via: "test" });
    const headers = { authorization: `Bearer ${token}` };
    const api = (method: "GET" | "POST", path: string, body?: unknown) =>
      request(kinlink?.url ?? "", method, path, { headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

    const family = new PlaygroundPerson(kinlink);
    for (const answer of ["/start", "1", "1", "1"]) await family.say(answer);
    await family.say("my uncle touches me at night and i am scared");

    const listed = await api("GET", "/api/v1/escalations");
    expect(listed.status).toBe(200);
    const top = (listed.json() as { items: { id: string; riskLevel: string; reasons: string[] }[] }).items[0];
    expect(top?.riskLevel).toBe("high");
    expect(top?.reasons.some((r) => r.startsWith("text:en:sexual_violence"))).toBe(true);
    expect(listed.text).not.toContain("uncle");

    const cli = await runKinlink(["queue"], { KINLINK_URL: kinlink.url, KINLINK_TOKEN: token });
    expect([cli.code, cli.err]).toEqual([0, ""]);
    const firstRow = cli.out.split("\n")[1] ?? "";
    expect(firstRow.startsWith(top?.id ?? "?")).toBe(true);
    expect(firstRow).toMatch(/ high .*sexual_violence.*text:en:sexual_violence/);

    const id = top?.id ?? "";
    expect((await api("POST", `/api/v1/escalations/${id}/claim`)).json()).toMatchObject({ escalation: { status: "claimed", assignee: user.id } });
    const handoff = await api("GET", `/api/v1/escalations/${id}`);
    expect(handoff.json()).toMatchObject({ answers: { reporter_type: "child" }, escalation: { id } });

    const controller = new AbortController();
    const stream = await fetch(`${kinlink.url}/api/v1/escalations/${id}/events`, { headers, signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let seen = "";
    const until = async (text: string): Promise<void> => {
      while (!seen.includes(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += new TextDecoder().decode(value);
      }
    };
    await until(": connected");
    expect(await family.say("are you there?")).toEqual([]);
    await until("are you there?");

    const reply = await api("POST", `/api/v1/escalations/${id}/replies`, { text: "Yes, I am here. Are you safe right now?" });
    expect(reply.status).toBe(202);
    await kinlink.worker.idle();
    expect(family.last()?.text).toBe("Yes, I am here. Are you safe right now?");
    await until("Are you safe right now?");
    controller.abort();

    expect((await api("POST", `/api/v1/escalations/${id}/hand-back`)).status).toBe(200);
    const trail = await kinlink.store.auditLog.listForTarget("escalation", id, 20);
    expect(trail.map((e) => e.actor)).toContain(user.id);
    family.close();
  });
});
