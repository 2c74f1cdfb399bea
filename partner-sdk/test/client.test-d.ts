/**
 * Type tests: compiled by `npm run typecheck` (never run). Each @ts-expect-error line must
 * fail to compile; if the SDK's types ever let it through, the typecheck fails.
 */
import { expectTypeOf } from 'expect-type';
import { OcxClient, type CaseShareReceipt, type Referral, type ReferralView, type StatusEvent, type TakedownView, type VerifiedDelivery } from '@ocx/partner-sdk';

declare const client: OcxClient;

// A referral comes back as the verified, typed document.
const referral = await client.referrals.get('id');
expectTypeOf(referral.document).toEqualTypeOf<Referral>();
expectTypeOf(referral.document.evidence[0]!.sha256).toBeString();
expectTypeOf(referral.state).toEqualTypeOf<ReferralView>();

// Status updates: only the statuses a partner may send, with their own members.
expectTypeOf(client.referrals.updateStatus).returns.resolves.toEqualTypeOf<ReferralView>();
await client.referrals.updateStatus('id', { status: 'acknowledged' });
await client.referrals.updateStatus('id', { status: 'resolved', resolution: { summary: 'refunded', amountRecovered: { amountSatang: 10_000, currency: 'THB' } } });
// @ts-expect-error 'closed' is not a status of the standard
await client.referrals.updateStatus('id', { status: 'closed' });
// @ts-expect-error `dispatched` is the hub's status, a partner cannot send it
await client.referrals.updateStatus('id', { status: 'dispatched' });
// @ts-expect-error the SDK fills in the event id; there is no member `eventId`
await client.referrals.updateStatus('id', { status: 'acknowledged', eventId: 'x' });
// @ts-expect-error a note is text
await client.referrals.updateStatus('id', { status: 'in_progress', note: 42 });
expectTypeOf<StatusEvent['status']>().toEqualTypeOf<'acknowledged' | 'in_progress' | 'info_requested' | 'resolved' | 'rejected' | 'transferred'>();

// Case shares and takedown answers are typed the same way.
expectTypeOf(client.cases.share).returns.resolves.toEqualTypeOf<CaseShareReceipt>();
// @ts-expect-error a case share needs its subjects
await client.cases.share({ partnerCaseNumber: 'x', receivedAt: '2026-11-30T10:00:00+07:00', category: 'shopping' });
expectTypeOf(client.takedowns.respond).returns.resolves.toEqualTypeOf<TakedownView>();
// @ts-expect-error 'deleted' is not an outcome of the standard
await client.takedowns.respond('id', { outcomes: [{ targetId: 't1', outcome: 'deleted' }] });

// A verified push narrows on its document type.
declare const delivery: VerifiedDelivery;
if (delivery.documentType === 'ocx.referral') expectTypeOf(delivery.document).toEqualTypeOf<Referral>();
// @ts-expect-error a push carries no status events
if (delivery.documentType === 'ocx.status-event') void delivery;

// The generated client is typed by route: a wrong path or query member does not compile.
// @ts-expect-error there is no such route
await client.api.GET('/v1/partner/referals');
// @ts-expect-error `limit` is a number
await client.api.GET('/v1/partner/referrals', { params: { query: { limit: 'ten' } } });
