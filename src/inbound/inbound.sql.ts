/**
 * The inbound module's SQL parts: `received_document` is named only here and in the
 * module's repository. A use case that applies a partner's document in one statement
 * (a status event) composes the receipt into it.
 */

/** An SQL condition: this sender has not sent a document with this id before, for `purpose` ('live' or 'conformance'). */
export function notYetReceived(sender: string, documentId: string, purpose: 'live' | 'conformance' = 'live'): string {
  return `NOT EXISTS (SELECT 1 FROM received_document WHERE sender = ${sender} AND purpose = '${purpose}' AND document_id = ${documentId})`;
}

/**
 * A data-modifying CTE body that records the receipt of a document, once per row of
 * `source` (a CTE name). The arguments are SQL expressions (parameters). Its unique key
 * (`received_document_once`) stops a second copy of the same document racing the first.
 */
export function recordReceipt(source: string, receipt: { sender: string; documentId: string; documentType: string; kid: string; jws: string; jwsSha256: string }): string {
  return `INSERT INTO received_document (sender, purpose, document_id, document_type, kid, jws, jws_sha256)
           SELECT ${receipt.sender}, 'live', ${receipt.documentId}, ${receipt.documentType}, ${receipt.kid}, ${receipt.jws}, ${receipt.jwsSha256} FROM ${source}`;
}
