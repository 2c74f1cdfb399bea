import { HubProblem, type Problem } from './api';
import { t } from './text';

/** A refusal as sentences a dispatcher can act on, and the field errors by field path. */
export interface Shown {
  message: string;
  fields: Record<string, string>;
}

const BY_STATUS: Record<number, [string, string]> = {
  0: ['เชื่อมต่อระบบไม่ได้ ข้อมูลที่กรอกยังอยู่ ลองใหม่อีกครั้ง', 'The hub cannot be reached. What you typed is still here; try again.'],
  401: ['หมดเวลาเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง', 'Your session has expired: sign in again.'],
  403: ['บัญชีของคุณไม่มีสิทธิ์ทำรายการนี้', 'Your role may not do this.'],
  404: ['ไม่พบรายการนี้', 'This was not found.'],
  409: ['รายการนี้ขัดกับสถานะปัจจุบัน', 'This conflicts with the current state.'],
  413: ['ไฟล์ใหญ่เกินกำหนด', 'The file is too large.'],
  415: ['ไม่รับไฟล์ประเภทนี้', 'This type of file is not accepted.'],
  422: ['ข้อมูลบางช่องไม่ถูกต้อง ดูข้อความข้างช่อง', 'Some fields need attention: see the messages beside them.'],
  429: ['ทำรายการถี่เกินไป รอสักครู่แล้วลองใหม่', 'Too many requests: wait a moment and try again.'],
  503: ['ระบบไม่พร้อมชั่วคราว ข้อมูลที่กรอกยังอยู่ ลองใหม่อีกครั้ง', 'The hub is briefly unavailable. What you typed is still here; try again.'],
};

export function showProblem(error: unknown): Shown {
  if (!(error instanceof HubProblem)) return { message: t('เกิดข้อผิดพลาดที่ไม่คาดคิด', 'Something unexpected went wrong.'), fields: {} };
  const problem: Problem = error.problem;
  const fields: Record<string, string> = {};
  for (const fieldError of problem.errors ?? []) fields[fieldError.path] = fieldError.message;
  const general = BY_STATUS[error.status] ?? ['ทำรายการไม่สำเร็จ', 'The request was refused.'];
  // The hub's own sentence says exactly what is wrong; the general one says what to do about it.
  const detail = problem.detail && Object.keys(fields).length === 0 ? ` ${problem.detail}` : '';
  return { message: `${t(general[0], general[1])}${detail}`, fields };
}

/** The banner above a form: role="alert" so a screen reader says it at once. */
export function ProblemBanner({ shown }: { shown: Shown | undefined }) {
  if (!shown) return null;
  return (
    <div class="problem" role="alert">
      {shown.message}
    </div>
  );
}

/** A field's own error, beside it (linked with aria-describedby). */
export function FieldError({ id, shown, path }: { id: string; shown: Shown | undefined; path: string }) {
  const message = shown?.fields[path];
  return message ? (
    <span class="field-error" id={id}>
      {message}
    </span>
  ) : null;
}
