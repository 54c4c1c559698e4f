/**
 * The replies every family of a fault test must get: those of a calm run, from an in-process server
 * on the same settings as the server under test (the channels pointed at `fakes`). Fails when the
 * calm run itself went wrong, so a fault test never compares against a broken reference.
 */
import { channelEnv, HOOKS, storeEnv } from "../../bench/benchEnv.js";
import { calibrate, type ScriptReplies } from "../../bench/calibrate.js";
import type { FakeApis } from "../../bench/fakeApis.js";
import { startTestKinlink } from "./kinlink.js";

export async function calmReplies(fakes: FakeApis): Promise<ScriptReplies> {
  const calm = await startTestKinlink({ ...storeEnv(), ...channelEnv(fakes), NODE_ENV: "production", KINLINK_ALLOW_EMBEDDED: "1" });
  try {
    const calibration = await calibrate(calm.url, fakes, () => calm.worker.idle(), HOOKS, 1);
    if (calibration.problems.length > 0) throw new Error(`the calm run went wrong: ${calibration.problems.join("; ")}`);
    return calibration.replies;
  } finally {
    await calm.stop();
  }
}
