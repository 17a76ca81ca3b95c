import { hostname } from 'node:os';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { Page, ProbeView } from '@consortio/shared/contracts';
import { OutboxService } from '@consortio/api/platform/queue';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { SystemProbe } from './entities/system-probe.entity';
import { toProbeView } from './system-probe.view';

@Injectable()
export class SystemProbesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SystemProbe) private readonly probes: Repository<SystemProbe>,
    private readonly outbox: OutboxService,
    private readonly events: EventsPublisher,
  ) {}

  /** Records the probe and its job in one transaction, then tells subscribers it is pending. */
  async request(note: string | undefined): Promise<ProbeView> {
    const probe = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(SystemProbe, { note: note ?? null, status: 'pending' }));
      await this.outbox.enqueue(manager, 'system.probe', { probeId: saved.id }, { jobId: `system.probe.${saved.id}` });
      return saved;
    });
    const view = toProbeView(probe);
    this.events.publish('system', 'probe.updated', view);
    return view;
  }

  async list(page: number, pageSize: number): Promise<Page<ProbeView>> {
    const [rows, total] = await this.probes.findAndCount({
      order: { requestedAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toProbeView), page, pageSize, total };
  }

  async get(id: string): Promise<ProbeView> {
    const probe = await this.probes.findOneBy({ id });
    if (!probe) throw new NotFoundException(`There is no probe with id ${id}.`);
    return toProbeView(probe);
  }

  /** Worker side. Idempotent: a retried job finds the probe already completed and changes nothing. */
  async complete(id: string): Promise<ProbeView | null> {
    const result = await this.probes
      .createQueryBuilder()
      .update()
      .set({ status: 'completed', completedAt: () => 'clock_timestamp()', completedBy: hostname() })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    if (!result.affected) return null;
    const view = await this.get(id);
    this.events.publish('system', 'probe.updated', view);
    return view;
  }
}
