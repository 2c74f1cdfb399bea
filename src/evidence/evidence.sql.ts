/** The evidence module's SQL parts: `evidence_item` is named only here and in the module's repository. */

/** A file as a Referral's evidence manifest lists it. */
export interface ManifestEntry {
  id: string;
  kind: string;
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
}

/** A scalar subquery: the evidence manifest of a complaint (`complaintId` an SQL expression), as a JSON array in upload order. */
export function evidenceManifest(complaintId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'sha256', e.sha256, 'size', e.size, 'mediaType', e.media_type,
                    'filename', e.filename) ORDER BY e.created_at, e.id), '[]') FROM evidence_item e WHERE e.complaint_id = ${complaintId})`;
}
