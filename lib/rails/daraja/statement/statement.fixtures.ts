/** Statement exports in each layout, shaped as the portal writes them (the data is fictional). */

export const LAYOUT_A = [
  "Account Holder:,ACME SHOP LIMITED",
  "Short Code:,600984",
  "Account:,Utility Account",
  "Time Period:,From,01-10-2026 00:00:00,To,01-10-2026 23:59:59",
  "Operator:,finance01,Organization:,ACME SHOP LIMITED,Date of Report:,02-10-2026 08:15:02",
  "Opening Balance:,10000.00,Closing Balance:,0.00,Available Balance:,0.00,Total Paid In:,3500.00,Total Withdrawn:,-13500.00",
  "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.",
  "UJ1ST0UV1W,01-10-2026 23:59:02,01-10-2026 23:59:02,Utility Account to Organization Settlement Account,Completed,,-11500.00,0.00,true,Utility Account to Organization Settlement Account,,,",
  "UJ1OP8QR9S,01-10-2026 14:20:55,01-10-2026 14:20:54,Business Payment to 2547****126 - JANE **** DOE,Completed,,-500.00,11500.00,true,Business Payment to Customer via API,2547****126 - JANE **** DOE,,",
  "UJ1JK6LM7N,01-10-2026 11:45:02,01-10-2026 11:45:01,Pay Utility Reversal,Completed,,-1500.00,12000.00,true,Pay Utility Reversal,2547****415 - PETER **** OTIENO,UJ1AB2CD3E,",
  "UJ1EF4GH5I,01-10-2026 10:03:17,01-10-2026 10:03:09,Pay Bill Online from 2547****126 - JANE **** DOE Acc. INV00042,Completed,2000.00,,13500.00,true,Pay Bill Online,2547****126 - JANE **** DOE,,INV00042",
  "UJ1AB2CD3E,01-10-2026 09:12:40,01-10-2026 09:12:31,Pay Bill from 2547****415 - PETER **** OTIENO Acc. INV00041,Completed,1500.00,,11500.00,true,Pay Utility,2547****415 - PETER **** OTIENO,,INV00041",
].join("\r\n");

export const LAYOUT_B = [
  "Receipt No,Completion Time,Details,Transaction Status,Paid In (KSHs),Withdrawn (KSHs),Balance (KSHs)",
  'UJ2AB2CD3E,02/10/2026 09:12:40,"Pay Bill from 25470****111 - ALICE **** EXAMPLE Acc. 00417",Completed,"1,100.00",0.00,"11,100.00"',
  'UJ2AB2CD3E,02/10/2026 09:12:40,"Pay Bill Charge",Completed,0.00,-11.00,"11,089.00"',
].join("\n");

export const LAYOUT_C = [
  "Receipt,Date,Details,Status,Withdrawn,Paid In,Balance,Balance Confirmed,Transaction Type,Other Party Info,Transaction Party Details",
  "UJ3AB2CD3E,2026-10-03 08:00:00,Pay Bill from 070****444 - bob **** sample Acc. X1,Completed,,250.00,250.00,TRUE,Pay Utility,,070****444 - bob **** sample",
].join("\n");
