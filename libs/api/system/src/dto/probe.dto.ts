import { ApiProperty } from '@nestjs/swagger';
import type { Page, ProbeStatus, ProbeView } from '@consortio/shared/contracts';

export class ProbeDto implements ProbeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['pending', 'completed'] }) status!: ProbeStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds from request to completion' }) roundTripMs!:
    | number
    | null;
  @ApiProperty({ type: String, nullable: true, description: 'Host of the worker that completed it' }) completedBy!:
    | string
    | null;
}

export class ProbePageDto implements Page<ProbeView> {
  @ApiProperty({ type: [ProbeDto] }) items!: ProbeDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
