import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeliveryAttempt } from '../delivery-attempt.entity.js';
import type { OutboxMessage, OutboxStatus } from '../outbox-message.entity.js';

export class DeliveryAttemptView {
  @ApiProperty() attempt: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) statusCode: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) referralId: string | null;
  @ApiProperty() partnerId: string;
  @ApiProperty({ example: 'ocx.referral' }) documentType: string;
  @ApiProperty() endpointUrl: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'dead'] }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) deliveredAt: string | null;
  @ApiPropertyOptional({ type: [DeliveryAttemptView] }) attemptLog?: DeliveryAttemptView[];
}

export class DeliveryListView {
  @ApiProperty({ type: [DeliveryView] }) deliveries: DeliveryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export function toDeliveryView(message: OutboxMessage, attempts?: DeliveryAttempt[]): DeliveryView {
  return {
    id: message.id,
    referralId: message.referralId,
    partnerId: message.partnerId,
    documentType: message.documentType,
    endpointUrl: message.endpointUrl,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt.toISOString(),
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    ...(attempts
      ? { attemptLog: attempts.map((attempt) => ({ attempt: attempt.attempt, statusCode: attempt.statusCode, error: attempt.error, durationMs: attempt.durationMs, attemptedAt: attempt.attemptedAt.toISOString() })) }
      : {}),
  };
}

export class PausedEndpointView {
  @ApiProperty({ example: 'ocpb' }) partnerId: string;
  @ApiProperty({ description: 'Failed attempts in a row when it was paused' }) consecutiveFailures: number;
  @ApiProperty({ format: 'date-time' }) pausedAt: string;
  @ApiProperty({ example: 'the endpoint answered 410 Gone' }) reason: string;
}

export class PausedEndpointListView {
  @ApiProperty({ type: [PausedEndpointView], description: 'Endpoints whose pushes wait for staff, most recently paused first' }) endpoints: PausedEndpointView[];
}

export class ResumedEndpointView {
  @ApiProperty() partnerId: string;
  @ApiProperty({ description: 'Pushes that waited for the endpoint and go out now' }) released: number;
}
