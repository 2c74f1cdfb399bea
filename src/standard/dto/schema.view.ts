import { ApiProperty } from '@nestjs/swagger';

export class SchemaSummaryView {
  @ApiProperty({ example: 'status-event' }) name: string;
  @ApiProperty({ example: 'https://ocx.etda.or.th/schemas/v1/status-event.schema.json' }) id: string;
  @ApiProperty({ example: 'OCX v1 StatusEvent' }) title: string;
  @ApiProperty({ example: '/v1/schemas/status-event' }) url: string;
}

export class SchemaListView {
  @ApiProperty({ example: '1' }) ocxVersion: string;
  @ApiProperty({ type: [SchemaSummaryView] }) schemas: SchemaSummaryView[];
}
