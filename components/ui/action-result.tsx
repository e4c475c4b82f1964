import type { ActionState } from "@/lib/actions/action-state";

/** What a server action answered: announced to screen readers (alert for errors, status otherwise). */
export function ActionResult({ state }: { state: ActionState<unknown> }) {
  if (state.status === "idle") return null;
  return (
    <p role={state.status === "error" ? "alert" : "status"} data-testid="action-result" data-status={state.status}
      className={state.status === "error" ? "text-sm text-red-800" : "text-sm text-emerald-800"}>
      {state.message}
    </p>
  );
}
