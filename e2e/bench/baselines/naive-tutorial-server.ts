// Baseline for payment creation: the approach of the well-known Daraja tutorials — an Express route
// that fetches a fresh OAuth token for every push, then pushes. No auth, no idempotency, no storage.
import express from "express";
import { darajaTimestamp, stkPassword } from "@/lib/rails/daraja/password";

const port = Number(process.env.BASELINE_PORT);
const daraja = process.env.BASELINE_DARAJA_URL!;
const shortcode = "174379";
const passkey = process.env.BASELINE_PASSKEY!;
const basic = Buffer.from(`${process.env.BASELINE_CONSUMER_KEY}:${process.env.BASELINE_CONSUMER_SECRET}`).toString("base64");

const app = express();
app.use(express.json());
app.post("/stkpush", async (req, res) => {
  try {
    const tokenRes = await fetch(`${daraja}/oauth/v1/generate?grant_type=client_credentials`, { headers: { Authorization: `Basic ${basic}` } });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const timestamp = darajaTimestamp();
    const push = await fetch(`${daraja}/mpesa/stkpush/v1/processrequest`, {
      method: "POST",
      headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        BusinessShortCode: shortcode, Password: stkPassword(shortcode, passkey, timestamp), Timestamp: timestamp,
        TransactionType: "CustomerPayBillOnline", Amount: req.body.amount, PartyA: req.body.phone, PartyB: shortcode,
        PhoneNumber: req.body.phone, CallBackURL: "http://127.0.0.1:9/callback", AccountReference: req.body.reference, TransactionDesc: "Payment",
      }),
    });
    res.status(push.status).json(await push.json());
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }
});
app.listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => process.exit(0));
