import { useEffect, useState } from 'preact/hooks';
import { answer, hub, type Complaint } from './api';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { CATEGORIES, label, STATUSES, t } from './text';

type Filters = { q: string; status: '' | 'new' | 'dispatched'; category: string };

/** Complaints, newest first, with filters and Thai search; 50 a page. */
export function ComplaintList() {
  const [filters, setFilters] = useState<Filters>({ q: '', status: '', category: '' });
  const [applied, setApplied] = useState<Filters>(filters);
  const [rows, setRows] = useState<Complaint[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown>();
  const [loading, setLoading] = useState(true);

  const load = async (cursor?: string): Promise<void> => {
    setLoading(true);
    try {
      const page = await answer(
        hub.GET('/v1/complaints', {
          params: { query: { q: applied.q || undefined, status: applied.status || undefined, category: (applied.category || undefined) as never, cursor, limit: 50 } },
        }),
      );
      setRows((previous) => (cursor ? [...previous, ...page.complaints] : page.complaints));
      setNext(page.nextCursor ?? null);
      setShown(undefined);
    } catch (error) {
      setShown(showProblem(error));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [applied]);

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{t('เรื่องร้องเรียน', 'Complaints')}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied({ ...filters });
        }}
      >
        <label>
          {t('ค้นหา', 'Search')}
          <input type="search" name="q" value={filters.q} placeholder={t('ชื่อร้าน สินค้า คำบรรยาย', 'Shop, product, narrative')} onInput={(event) => setFilters({ ...filters, q: event.currentTarget.value })} />
        </label>
        <label>
          {t('สถานะ', 'Status')}
          <select name="status" value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.currentTarget.value as Filters['status'] })}>
            <option value="">{t('ทั้งหมด', 'All')}</option>
            <option value="new">{label(STATUSES, 'new')}</option>
            <option value="dispatched">{label(STATUSES, 'dispatched')}</option>
          </select>
        </label>
        <label>
          {t('ประเภท', 'Category')}
          <select name="category" value={filters.category} onChange={(event) => setFilters({ ...filters, category: event.currentTarget.value })}>
            <option value="">{t('ทั้งหมด', 'All')}</option>
            {Object.keys(CATEGORIES).map((code) => (
              <option value={code}>{label(CATEGORIES, code)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('ค้นหา', 'Search')}</button>
      </form>
      <ProblemBanner shown={shown} />
      <table class="complaints" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">{t('เลขอ้างอิง', 'Reference')}</th>
            <th scope="col">{t('วันที่รับเรื่อง', 'Received')}</th>
            <th scope="col">{t('ประเภท', 'Category')}</th>
            <th scope="col">{t('ผู้ร้อง', 'Complainant')}</th>
            <th scope="col">{t('สถานะ', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((complaint) => (
            <tr key={complaint.id}>
              <td>
                <a href={`#/complaints/${complaint.id}`}>{complaint.referenceCode}</a>
              </td>
              <td>{new Date(complaint.receivedAt).toLocaleString('th-TH', { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td>{label(CATEGORIES, complaint.category)}</td>
              <td>{complaint.complainant.name}</td>
              <td>{label(STATUSES, complaint.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && <p>{t('ไม่พบเรื่องร้องเรียน', 'No complaints found.')}</p>}
      {next && (
        <button type="button" onClick={() => void load(next)} disabled={loading}>
          {t('แสดงเพิ่ม', 'Show more')}
        </button>
      )}
    </section>
  );
}
