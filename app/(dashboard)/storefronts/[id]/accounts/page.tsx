import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requireAdmin } from "@/lib/auth/guards";
import { allowedEnvironments } from "@/lib/collection-accounts/daraja-account-settings";
import { findCollectionAccounts } from "@/lib/collection-accounts/find-collection-accounts";
import { allowedVodacomEnvironments } from "@/lib/collection-accounts/vodacom-account-settings";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { findPullStates } from "@/lib/ledger/pull/find-pull-states";
import { AccountCard } from "./account-card";
import { AccountForm } from "./account-form";
import { ValidationRuleForm } from "./validation-rule-form";
import { VodacomAccountForm } from "./vodacom-account-form";

export const metadata: Metadata = { title: "Collection accounts" };

export default async function CollectionAccountsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/storefronts/${encodeURIComponent(id)}/accounts`);
  const db = getDb();
  const storefront = await db.storefront.findUnique({ where: { id }, select: { id: true, name: true, c2bValidationRule: true, c2bValidationPattern: true } });
  if (!storefront) notFound();
  const env = getEnv();
  const accounts = await findCollectionAccounts(db, env, { storefrontId: id });
  const pullStates = await findPullStates(db, accounts.map((a) => a.id));
  const environments = { TEST: allowedEnvironments(env, "TEST"), LIVE: allowedEnvironments(env, "LIVE") };
  const vodacomEnvironments = { TEST: allowedVodacomEnvironments(env, "TEST"), LIVE: allowedVodacomEnvironments(env, "LIVE") };
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/storefronts" className={linkClass}>← Storefronts</Link></p>
      <PageHeader title={`Collection accounts of ${storefront.name}`} testId="collection-accounts-title"
        description="The Daraja paybills and tills (M-Pesa Kenya, KES) and Vodacom M-Pesa OpenAPI accounts (M-Pesa Tanzania, TZS) this storefront's payments are collected on, per mode. A payment goes to the default account of the rail its phone number's country chooses (254… Daraja, 255… Vodacom), unless the API request names a rail or another account (collection_account). Secrets are stored encrypted and never shown again." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {accounts.length === 0 ? <EmptyState title="No accounts yet">Add one, or configure DARAJA_* settings and restart.</EmptyState> : null}
          {accounts.map((a) => <AccountCard key={a.id} account={a} environments={environments[a.mode]} vodacomEnvironments={vodacomEnvironments[a.mode]} pull={pullStates.get(a.id)} />)}
        </div>
        <div className="space-y-4">
          <Card title="Add an account" id="add-account">
            <AccountForm storefrontId={id} environments={environments} />
          </Card>
          <Card title="Add a Vodacom account (M-Pesa Tanzania)" id="add-vodacom-account">
            <VodacomAccountForm storefrontId={id} environments={vodacomEnvironments} />
          </Card>
          <Card title="C2B validation" id="c2b-validation">
            <ValidationRuleForm storefrontId={id} rule={storefront.c2bValidationRule} pattern={storefront.c2bValidationPattern} />
          </Card>
        </div>
      </div>
    </>
  );
}
