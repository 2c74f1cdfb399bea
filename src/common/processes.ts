/** Whether a process with this pid runs (EPERM: it runs, as another user, e.g. PostgreSQL's `postgres`). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
