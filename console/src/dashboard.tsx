import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, hub, type Schemas } from './api';
import { ProblemBanner, showProblem, type Shown } from './problems';
import { go } from './router';
import { session } from './session';
import { CATEGORIES, label, t } from './text';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

type Figures = Schemas['ReportFiguresView'];
type Run = Schemas['ReportRunView'];

const number = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : value.toLocaleString('th-TH'));
const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
const baht = (satang: string): string => `${(Number(satang) / 100).toLocaleString('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${t('บาท', 'THB')}`;

/** Today's date in Bangkok (the dashboard's periods are Bangkok days). */
const today = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The supervisors' dashboard: today's and this month's figures, the month's trend and each agency's service levels
 * as charts (with the numbers beside them as tables), and the kept reports to download. One column on a phone.
 */
export function Dashboard({ agency }: { agency?: string }) {
  const [date, setDate] = useState(today());
  const [day, setDay] = useState<Figures>();
  const [month, setMonth] = useState<Figures>();
  const [shown, setShown] = useState<Shown>();
  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      try {
        const query = (period: 'day' | 'month') => ({ params: { query: { period, date, ...(agency ? { agency } : {}) } } });
        const [dayFigures, monthFigures] = await Promise.all([answer(hub.GET('/v1/reports/dashboard', query('day'))), answer(hub.GET('/v1/reports/dashboard', query('month')))]);
        if (!current) return;
        setDay(dayFigures);
        setMonth(monthFigures);
        setShown(undefined);
      } catch (error) {
        if (current) setShown(showProblem(error));
      }
    };
    void load();
    // The figures of today move: read them again every minute while the page is open.
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [date, agency]);

  return (
    <section aria-labelledby="dashboard-title" class="dashboard">
      <h1 id="dashboard-title">
        {t('สถิติ', 'Statistics')}
        {agency ? ` · ${month?.serviceLevels[0]?.nameTh ?? agency}` : ''}
      </h1>
      <div class="filters">
        <div>
          <label for="dashboard-date">{t('วันที่', 'Date')}</label>
          <input id="dashboard-date" type="date" value={date} max={today()} onChange={(event) => setDate((event.target as HTMLInputElement).value || today())} />
        </div>
        {agency && (
          <button type="button" class="secondary" onClick={() => go('dashboard')}>
            {t('ทุกหน่วยงาน', 'All agencies')}
          </button>
        )}
      </div>
      <ProblemBanner shown={shown} />
      {day && <Headline title={`${t('วันนี้', 'Today')} · ${day.period.labelTh}`} figures={day} testId="today" />}
      {month && (
        <>
          <Headline title={`${t('เดือนนี้', 'This month')} · ${month.period.labelTh}`} figures={month} testId="month" />
          <h2>{t('แนวโน้มรายวัน', 'Day by day')}</h2>
          <TrendChart figures={month} />
          <h2>{t('ระดับการให้บริการของหน่วยงาน', 'Service levels per agency')}</h2>
          <ServiceLevelChart figures={month} />
          <ServiceLevelTable figures={month} />
          {month.complaintsByCategory && (
            <>
              <h2>{t('เรื่องร้องเรียนตามประเภท', 'Complaints by category')}</h2>
              <ul class="bars">
                {month.complaintsByCategory.map((row) => (
                  <li key={row.category}>
                    <span>{label(CATEGORIES, row.category)}</span> <strong>{number(row.complaints)}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>
            {t('กรณีสำเร็จ', 'Success cases')} ({number(month.successCases.total)})
          </h2>
          <ul class="success-cases">
            {month.successCases.cases.slice(0, 10).map((row) => (
              <li key={`${row.referenceCode}-${row.partnerId}`}>
                <strong>{row.referenceCode}</strong> · {row.partnerId}
                {row.amountRecoveredSatang ? ` · ${baht(String(row.amountRecoveredSatang))}` : ''} — {row.note}
              </li>
            ))}
          </ul>
        </>
      )}
      {!agency && session.signedIn && <KeptReports />}
    </section>
  );
}

function Headline({ title, figures, testId }: { title: string; figures: Figures; testId: string }) {
  const h = figures.headline;
  const tiles: Array<[string, string]> = [
    ...(h.complaints === null ? [] : [[t('เรื่องร้องเรียน', 'Complaints'), number(h.complaints)] as [string, string]]),
    [t('ส่งต่อหน่วยงาน', 'Referred'), number(h.referrals)],
    [t('ดำเนินการเสร็จ', 'Resolved'), number(h.resolved)],
    [t('ตอบรับภายในกำหนด', 'Acknowledged in time'), percent(h.acknowledgedInTimeShare)],
    [t('เกินกำหนด', 'Overdue'), number(h.overdue)],
    [t('กรณีสำเร็จ', 'Success cases'), number(h.successCases)],
    [t('เงินที่ได้คืน', 'Money recovered'), baht(h.amountRecoveredSatang)],
  ];
  return (
    <>
      <h2>{title}</h2>
      <dl class="tiles" data-testid={`headline-${testId}`}>
        {tiles.map(([name, value]) => (
          <div class="tile" key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** A Chart.js chart on a canvas, remade when its configuration changes. */
function ChartCanvas({ configuration, description, height }: { configuration: () => ConstructorParameters<typeof Chart>[1]; description: string; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, configuration());
    return () => chart.destroy();
  }, [configuration]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}

function TrendChart({ figures }: { figures: Figures }) {
  const points = figures.trend.points;
  const labels = points.map((point) => point.at.slice(8, 10));
  const configuration = () => ({
    type: 'line' as const,
    data: {
      labels,
      datasets: [
        ...(figures.agency ? [] : [{ label: t('เรื่องร้องเรียน', 'Complaints'), data: points.map((point) => point.complaints ?? 0), borderColor: '#0b5cad', backgroundColor: '#0b5cad' }]),
        { label: t('ส่งต่อ', 'Referred'), data: points.map((point) => point.referrals), borderColor: '#d97706', backgroundColor: '#d97706' },
        { label: t('เสร็จ', 'Resolved'), data: points.map((point) => point.resolved), borderColor: '#059669', backgroundColor: '#059669' },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false as const, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' as const } } },
  });
  const total = points.reduce((sum, point) => sum + point.referrals, 0);
  return <ChartCanvas configuration={configuration} height={260} description={t(`แนวโน้มรายวันของ${figures.period.labelTh}: ส่งต่อรวม ${total} เรื่อง`, `Trend of ${figures.period.labelEn}: ${total} referred`)} />;
}

function ServiceLevelChart({ figures }: { figures: Figures }) {
  const rows = figures.serviceLevels;
  if (rows.length === 0) return <p>{t('ยังไม่มีเรื่องที่ส่งต่อในเดือนนี้', 'Nothing referred this month yet.')}</p>;
  const configuration = () => ({
    type: 'bar' as const,
    data: {
      labels: rows.map((row) => row.nameTh),
      datasets: [
        { label: t('ตอบรับภายในกำหนด', 'Acknowledged in time'), data: rows.map((row) => Math.round((row.acknowledgedInTimeShare ?? 0) * 1000) / 10), backgroundColor: '#0b5cad' },
        { label: t('ปิดเรื่องภายในกำหนด', 'Closed in time'), data: rows.map((row) => Math.round((row.closedInTimeShare ?? 0) * 1000) / 10), backgroundColor: '#059669' },
      ],
    },
    options: {
      indexAxis: 'y' as const, responsive: true, maintainAspectRatio: false, animation: false as const,
      scales: { x: { min: 0, max: 100, ticks: { callback: (value: string | number) => `${value}%` } } }, plugins: { legend: { position: 'bottom' as const } },
    },
  });
  return <ChartCanvas configuration={configuration} height={Math.max(160, 70 + rows.length * 44)} description={t('สัดส่วนที่ตอบรับและปิดเรื่องภายในกำหนดของแต่ละหน่วยงาน', "Each agency's share acknowledged and closed in time")} />;
}

function ServiceLevelTable({ figures }: { figures: Figures }) {
  return (
    <table class="complaints service-levels">
      <thead>
        <tr>
          <th>{t('หน่วยงาน', 'Agency')}</th>
          <th>{t('เรื่อง', 'Referrals')}</th>
          <th>{t('ตอบรับ (มัธยฐาน ชม.)', 'Acknowledged (median h)')}</th>
          <th>{t('ตอบรับภายในกำหนด', 'In time')}</th>
          <th>{t('เสร็จ', 'Resolved')}</th>
          <th>{t('เกินกำหนด', 'Overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.serviceLevels.map((row) => (
          <tr key={row.partnerId}>
            <td>
              <a href={`#/dashboard/${encodeURIComponent(row.partnerId)}`}>{row.nameTh}</a>
            </td>
            <td data-label={t('เรื่อง', 'Referrals')}>{number(row.referrals)}</td>
            <td data-label={t('ตอบรับ (มัธยฐาน ชม.)', 'Acknowledged (median h)')}>{row.acknowledgeMedianHours ?? '–'}</td>
            <td data-label={t('ตอบรับภายในกำหนด', 'In time')}>{percent(row.acknowledgedInTimeShare)}</td>
            <td data-label={t('เสร็จ', 'Resolved')}>{number(row.resolved)}</td>
            <td data-label={t('เกินกำหนด', 'Overdue')}>{number(row.overdue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The reports the hub keeps, to download as ETDA receives them. */
function KeptReports() {
  const [runs, setRuns] = useState<Run[]>([]);
  const [shown, setShown] = useState<Shown>();
  useEffect(() => {
    answer(hub.GET('/v1/reports', { params: { query: { limit: 10 } } })).then((page) => setRuns(page.runs.filter((run) => run.state === 'ready')), (error) => setShown(showProblem(error)));
  }, []);
  const download = async (href: string, name: string): Promise<void> => {
    try {
      const token = await session.token();
      const response = await fetch(href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setShown(showProblem(error));
    }
  };
  return (
    <>
      <h2>{t('รายงานที่จัดทำแล้ว', 'Kept reports')}</h2>
      <ProblemBanner shown={shown} />
      {runs.length === 0 && <p>{t('ยังไม่มีรายงาน', 'No report kept yet.')}</p>}
      <ul class="kept-reports">
        {runs.map((run) => (
          <li key={`${run.kind}-${run.period}-${run.version}`}>
            {run.kind} {run.period} (v{run.version}){' '}
            {run.files.map((file) => (
              <button type="button" class="secondary" key={file.format} title={`SHA-256 ${file.sha256}`} onClick={() => void download(file.href, `ocx-report-${run.kind}-${run.period}-v${run.version}.${file.format}`)}>
                {file.format.toUpperCase()}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}
