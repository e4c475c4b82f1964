import { handleB2c } from "./b2c";
import { handleC2bRegister } from "./c2b-register";
import { handlePhonePay, handleSimC2bList, handleSimC2bPay, handleSimC2bValidation } from "./c2b-sim-endpoints";
import { handleC2bSimulate } from "./c2b-simulate";
import { handleCertificate, handleListRequests, handleListTransactions, handleRefundScenarios } from "./ledger-introspection";
import { handlePullQuery } from "./pull-query";
import { handlePullRegister } from "./pull-register";
import { handleReversal } from "./reversal";
import type { Route } from "./router";
import { handleStatement } from "./statement-endpoint";
import { handleTransactionStatus } from "./transaction-status";

/** C2B, Pull Transactions, the initiator APIs, statements and their /__sim helpers. */
export const LEDGER_ROUTES: Route[] = [
  { method: "POST", path: /^\/mpesa\/c2b\/(v1|v2)\/registerurl$/, handler: (ctx, req, res, _url, m) => handleC2bRegister(ctx, req, res, m[1] === "v1" ? "v1" : "v2") },
  { method: "POST", path: /^\/mpesa\/c2b\/(v1|v2)\/simulate$/, handler: (ctx, req, res) => handleC2bSimulate(ctx, req, res) },
  { method: "POST", path: /^\/pulltransactions\/v1\/register$/, handler: (ctx, req, res) => handlePullRegister(ctx, req, res) },
  { method: "POST", path: /^\/pulltransactions\/v1\/query$/, handler: (ctx, req, res) => handlePullQuery(ctx, req, res) },
  { method: "POST", path: /^\/mpesa\/transactionstatus\/v1\/query$/, handler: (ctx, req, res) => handleTransactionStatus(ctx, req, res) },
  { method: "POST", path: /^\/mpesa\/reversal\/v1\/request$/, handler: (ctx, req, res) => handleReversal(ctx, req, res) },
  { method: "POST", path: /^\/mpesa\/b2c\/(v1|v3)\/paymentrequest$/, handler: (ctx, req, res, _url, m) => handleB2c(ctx, req, res, m[1] === "v1" ? "v1" : "v3") },
  { method: "POST", path: /^\/phone\/(\d{12})\/pay$/, handler: (ctx, req, res, _url, m) => handlePhonePay(ctx, req, res, m[1] ?? "") },
  { method: "POST", path: /^\/__sim\/c2b\/pay$/, handler: (ctx, req, res) => handleSimC2bPay(ctx, req, res) },
  { method: "POST", path: /^\/__sim\/c2b\/validation$/, handler: (ctx, req, res) => handleSimC2bValidation(ctx, req, res) },
  { method: "GET", path: /^\/__sim\/c2b$/, handler: (ctx, _req, res) => handleSimC2bList(ctx, res) },
  { method: "GET", path: /^\/__sim\/transactions$/, handler: (ctx, _req, res, url) => handleListTransactions(ctx, res, url) },
  { method: "GET", path: /^\/__sim\/requests$/, handler: (ctx, _req, res, url) => handleListRequests(ctx, res, url) },
  { method: "GET", path: /^\/__sim\/certificate$/, handler: (ctx, _req, res) => handleCertificate(ctx, res) },
  { method: "GET", path: /^\/__sim\/refund-scenarios$/, handler: (_ctx, _req, res) => handleRefundScenarios(res) },
  { method: "GET", path: /^\/__sim\/statement\.csv$/, handler: (ctx, _req, res, url) => handleStatement(ctx, res, url) },
];
