/** What a server action answers a form with. Deliberate messages only: see create-action.ts. */
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "success"; message: string; data?: T }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const IDLE: ActionState<never> = { status: "idle" };
