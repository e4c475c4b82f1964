import { resetEnvForTests } from "@/lib/env";

/**
 * Sets these variables in the test's process (and has getEnv read them again), as a deployment
 * would set them; the function returned puts back what was there before, unset ones unset.
 */
export function setProcessEnv(settings: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  resetEnvForTests();
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  };
}
