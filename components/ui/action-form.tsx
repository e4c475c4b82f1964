"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { ActionResult } from "@/components/ui/action-result";
import { buttonClass } from "@/components/ui/styles";

type Action<T> = (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

interface ActionFormProps<T> {
  action: Action<T>;
  submitLabel: string;
  pendingLabel?: string;
  tone?: keyof typeof buttonClass;
  /** Fields of the form (rendered by the server page). */
  children?: React.ReactNode;
  testId?: string;
  className?: string;
}

/**
 * A form bound to a server action, showing what the action answered. A secret returned by the action
 * (new API key, webhook signing secret, recovery codes) is shown here once, selectable, and never
 * stored in the page.
 */
export function ActionForm<T extends { secret?: string; codes?: string[] } | undefined>({ action, submitLabel, pendingLabel, tone = "primary", children, testId, className }: ActionFormProps<T>) {
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, IDLE as ActionState<T>);
  const secret = state.status === "success" ? state.data?.secret : undefined;
  const codes = state.status === "success" ? state.data?.codes : undefined;
  return (
    <form action={formAction} className={className ?? "space-y-3"} data-testid={testId}>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass[tone]} disabled={pending}>{pending ? (pendingLabel ?? "Working…") : submitLabel}</button>
        <ActionResult state={state} />
      </div>
      {secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <label className="block text-sm font-medium text-amber-900" htmlFor={`${testId ?? "secret"}-value`}>Secret (shown once)</label>
          <input id={`${testId ?? "secret"}-value`} readOnly value={secret} data-testid="revealed-secret"
            className="mt-1 block w-full rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm" />
        </div>
      ) : null}
      {codes ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900">Recovery codes (shown once)</p>
          <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm" data-testid="recovery-codes">
            {codes.map((code) => <li key={code}>{code}</li>)}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
