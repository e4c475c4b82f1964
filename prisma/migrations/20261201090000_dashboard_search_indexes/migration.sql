-- Indexes for the dashboard's search and filters. The first two are on expressions, which schema.prisma
-- cannot express; all are named *_manual so the drift check leaves them to this file.

-- "Phone ends with 5678": reverse(phone) LIKE '8765%' is a prefix match on the reversed number.
CREATE INDEX "payments_phone_reversed_manual" ON "payments" (reverse("phone") text_pattern_ops);

-- Case-insensitive reference prefix search: lower(reference) LIKE 'inv-10%'.
CREATE INDEX "payments_reference_lower_manual" ON "payments" (lower("reference") text_pattern_ops);

-- The dashboard always filters by mode and usually by status, newest first.
CREATE INDEX "payments_mode_status_created_manual" ON "payments" ("mode", "status", "created_at");

-- Needs attention: successful payments settled without a receipt number.
CREATE INDEX "payments_receipt_missing_manual" ON "payments" ("created_at") WHERE "receipt_missing";
