/**
 * Result bodies in the shapes Daraja sends them: the documented samples and production captures
 * (personal data masked as in the captures). Shared by the parser tests.
 */

export const STATUS_B2C_DOC = {
  Result: {
    ConversationID: "AG_20180223_0000493344ae97d86f75", OriginatorConversationID: "3213-416199-2",
    ReferenceData: { ReferenceItem: { Key: "Occasion" } }, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
    ResultParameters: { ResultParameter: [
      { Key: "DebitPartyName", Value: "600310 - Safaricom333" }, { Key: "CreditPartyName", Value: "254708374149 - John Doe" },
      { Key: "OriginatorConversationID", Value: "3211-416020-3" }, { Key: "InitiatedTime", Value: "20180223054112" },
      { Key: "DebitAccountType", Value: "Utility Account" }, { Key: "DebitPartyCharges", Value: "Fee For B2C Payment|KES|22.40" },
      { Key: "TransactionReason" }, { Key: "ReasonType", Value: "Business Payment to Customer via API" },
      { Key: "TransactionStatus", Value: "Completed" }, { Key: "FinalisedTime", Value: "20180223054112" }, { Key: "Amount", Value: "300" },
      { Key: "ConversationID", Value: "AG_20180223_000041b09c22e613d6c9" }, { Key: "ReceiptNo", Value: "MBN31H462N" },
    ] },
    ResultType: 0, TransactionID: "MBN0000000",
  },
};

export const STATUS_CUSTOMER_PAYMENT = {
  Result: {
    ResultType: 0, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
    OriginatorConversationID: "8aec-4878-bb2e-835d301b747563942456", ConversationID: "AG_20240206_202018931e291815db5d", TransactionID: "SB60000000",
    ResultParameters: { ResultParameter: [
      { Key: "DebitPartyName", Value: "254712345063 - JANE WANJIKU DOE" },
      { Key: "CreditPartyName", Value: "4130669 - KERICHO COUNTY KAPKATET DISTRICT HOSPITAL                    " },
      { Key: "OriginatorConversationID", Value: "3fec-4d4e-8899-f6343499627422355256" }, { Key: "InitiatedTime", Value: 20240206143645 },
      { Key: "CreditPartyCharges" }, { Key: "DebitAccountType", Value: "MMF Account For Customer" }, { Key: "TransactionReason" },
      { Key: "ReasonType", Value: "Pay Utility with OD Online" }, { Key: "TransactionStatus", Value: "Completed" },
      { Key: "FinalisedTime", Value: 20240206143645 }, { Key: "Amount", Value: 1.0 },
      { Key: "ConversationID", Value: "AG_20240206_2070311589e691000924" }, { Key: "ReceiptNo", Value: "SB659DEI29" },
    ] },
    ReferenceData: { ReferenceItem: { Key: "Occasion", Value: "Payment of invoice for services rendered" } },
  },
};

export const REVERSAL_SUCCESS = {
  Result: {
    ResultType: 0, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
    OriginatorConversationID: "dad6-4c34-8787-c8cb963a496d1268232", ConversationID: "AG_20211114_201018edbbf9f1582eaa", TransactionID: "SKE52PAWR9",
    ResultParameters: { ResultParameter: [
      { Key: "DebitAccountBalance", Value: "Utility Account|KES|7722179.62|7722179.62|0.00|0.00" }, { Key: "Amount", Value: 1.0 },
      { Key: "TransCompletedTime", Value: 20211114132711 }, { Key: "OriginalTransactionID", Value: "SKC82PACB8" }, { Key: "Charge", Value: 0.0 },
      { Key: "CreditPartyPublicName", Value: "254705912645 - NICHOLAS JOHN SONGOK" }, { Key: "DebitPartyPublicName", Value: "600992 - Safaricom Daraja 992" },
    ] },
    ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit" } },
  },
};

export const REVERSAL_INVALID = {
  Result: {
    ResultType: 0, ResultCode: "R000002", ResultDesc: "The OriginalTransactionID is invalid.",
    OriginatorConversationID: "9a8b-4f1c-8d2e-5c7a1b3e9f0d1234567", ConversationID: "AG_20261001_2010123456789abcdef0", TransactionID: "UJ10000000",
    ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit" } },
  },
};

export const B2C_SUCCESS = {
  Result: {
    ResultType: 0, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
    OriginatorConversationID: "53e3-4aa8-9fe0-8fb5e4092cdd3533373", ConversationID: "AG_20240706_2010364430d9bbdaf872", TransactionID: "SG632NMUAB",
    ResultParameters: { ResultParameter: [
      { Key: "TransactionAmount", Value: 10 }, { Key: "TransactionReceipt", Value: "SG632NMUAB" },
      { Key: "ReceiverPartyPublicName", Value: "254705912645 - NICHOLAS JOHN SONGOK" },
      { Key: "TransactionCompletedDateTime", Value: "06.07.2024 22:48:52" }, { Key: "B2CUtilityAccountAvailableFunds", Value: 8959269.6 },
      { Key: "B2CWorkingAccountAvailableFunds", Value: 1199371.0 }, { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
      { Key: "B2CChargesPaidAccountAvailableFunds", Value: -1980.0 },
    ] },
    ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } },
  },
};

export const B2C_LOCKED = {
  Result: {
    ResultType: 0, ResultCode: 8006, ResultDesc: "The security credential is locked.",
    OriginatorConversationID: "600997_Test_32et3241ed8yu", ConversationID: "AG_20261001_20104a3c6e8d2f1b9a07", TransactionID: "SG722NMVXQ",
    ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } },
  },
};

/** Account Balance's doc sample: every code a string, a numeric BOCompletedTime, a lone parameter object. */
export const LONE_PARAMETER = {
  Result: {
    ResultType: "0", ResultCode: "0", ResultDesc: "The service request is processed successfully",
    OriginatorConversationID: "16917-22577599-3", ConversationID: "AG_20200206_00005e091a8ec6b9eac5", TransactionID: "OA90000000",
    ResultParameters: { ResultParameter: { Key: "BOCompletedTime", Value: 20200109125710 } },
    ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit" } },
  },
};
