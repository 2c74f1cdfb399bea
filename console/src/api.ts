import type { components, paths } from '@ocx/partner-sdk';
import createClient from 'openapi-fetch';
import { session } from './session';

export type Schemas = components['schemas'];
export type Complaint = Schemas['ComplaintView'];
export type Problem = Schemas['ProblemView'];

/** A refusal from the hub, carried to the page that shows it in words. */
export class HubProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The hub's API, typed from the committed OpenAPI document (the partner SDK's generated types). */
export const hub = createClient<paths>({
  baseUrl: '',
  fetch: async (request) => {
    const token = await session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(request);
    if (response.status === 401) session.expired();
    return response;
  },
});

/** The answer, or a HubProblem with the problem document (a network failure becomes one too). */
export async function answer<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  let result: { data?: Data; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new HubProblem(0, { code: 'NETWORK', detail: 'The hub cannot be reached. Check the connection and try again; nothing was lost.' } as Problem);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  const problem = (result.error && typeof result.error === 'object' ? result.error : { detail: String(result.error ?? result.response.statusText) }) as Problem;
  throw new HubProblem(result.response.status, problem);
}

/**
 * Uploads a file with progress (fetch has no upload progress; XMLHttpRequest does).
 * Resolves with the evidence view, or rejects with a HubProblem.
 */
export function uploadEvidence(complaintId: string, file: File, kind: string, onProgress: (fraction: number) => void): Promise<Schemas['EvidenceView']> {
  return session.token().then(
    (token) =>
      new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        const query = new URLSearchParams({ kind, filename: file.name });
        request.open('POST', `/v1/complaints/${encodeURIComponent(complaintId)}/evidence?${query}`);
        request.setRequestHeader('content-type', 'application/octet-stream');
        if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
        request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        request.onerror = () => reject(new HubProblem(0, { code: 'NETWORK', detail: 'The upload was cut off. Try again.' } as Problem));
        request.onload = () => {
          let body: unknown;
          try {
            body = JSON.parse(request.responseText);
          } catch {
            body = { detail: request.statusText };
          }
          if (request.status === 401) session.expired();
          if (request.status >= 200 && request.status < 300) resolve(body as Schemas['EvidenceView']);
          else reject(new HubProblem(request.status, body as Problem));
        };
        request.send(file);
      }),
  );
}
