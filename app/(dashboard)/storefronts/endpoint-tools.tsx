import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { linkClass } from "@/components/ui/styles";
import { sendTestEventAction } from "@/lib/actions/events";

/** Under each webhook endpoint: its delivery log, and a signed test event sent through the outbox. */
export function EndpointTools({ storefrontId, endpoint }: { storefrontId: string; endpoint: { id: string; mode: string; enabled: boolean } }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
      <Link href={`/storefronts/${storefrontId}/webhooks/${endpoint.id}`} className={linkClass} data-testid={`delivery-log-link-${endpoint.mode.toLowerCase()}`}>Delivery log</Link>
      {endpoint.enabled ? (
        <ActionForm action={sendTestEventAction} submitLabel="Send test event" tone="secondary" className="space-y-2" testId={`test-event-form-${endpoint.mode.toLowerCase()}`}>
          <input type="hidden" name="storefrontId" value={storefrontId} />
          <input type="hidden" name="endpointId" value={endpoint.id} />
        </ActionForm>
      ) : null}
    </div>
  );
}
