import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';
import type {
  ClauseCategory,
  CreateSpecificationInput,
  ClauseView,
  Page,
  RichTextNode,
  SpecificationSummary,
  SpecificationTemplateView,
  SpecificationView,
  TemplateSectionView,
} from '@consortio/shared/contracts';
import { appendSections, paragraphs, sectionsOf } from '@consortio/shared/collab';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { containsPattern, queryPage } from '@consortio/api/platform/database';
import { ConsortiumAccess } from '@consortio/api/consortia';
import { DocumentStore } from './document-store';
import { SpecificationAccess } from './specification-access';

interface TemplateRow {
  id: string;
  key: string;
  name: string;
  description: string;
  sections: TemplateSectionView[];
  updated_at: Date;
}

interface ClauseRow {
  id: string;
  key: string;
  title: string;
  category: ClauseCategory;
  section_key: string | null;
  summary: string;
  body: RichTextNode[];
  updated_at: Date;
}

interface SpecificationRow {
  id: string;
  consortium_id: string;
  consortium_name: string;
  title: string;
  template_name: string;
  shared_with_observers: boolean;
  created_at: Date;
  updated_at: Date;
}

const SPECIFICATION_SELECT = `
  SELECT s.id, s.consortium_id, c.name AS consortium_name, s.title, t.name AS template_name,
         s.shared_with_observers, s.created_at, s.updated_at
    FROM specifications s
    JOIN consortia c ON c.id = s.consortium_id
    JOIN specification_templates t ON t.id = s.template_id`;

const toTemplate = (row: TemplateRow): SpecificationTemplateView => ({
  id: row.id,
  key: row.key,
  name: row.name,
  description: row.description,
  sections: row.sections,
  updatedAt: row.updated_at.toISOString(),
});

const toClause = (row: ClauseRow): ClauseView => ({
  id: row.id,
  key: row.key,
  title: row.title,
  category: row.category,
  sectionKey: row.section_key,
  summary: row.summary,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

const toSummary = (row: SpecificationRow): SpecificationSummary => ({
  id: row.id,
  consortiumId: row.consortium_id,
  consortiumName: row.consortium_name,
  title: row.title,
  templateName: row.template_name,
  sharedWithObservers: row.shared_with_observers,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** A template's sections as the first content of a new document, guidance as the starting text. */
export function templateDocument(sections: readonly TemplateSectionView[]): Uint8Array {
  const doc = new Y.Doc();
  appendSections(
    doc,
    sections.map((section) => ({
      id: randomUUID(),
      key: section.key,
      title: section.title,
      content: paragraphs(section.guidance),
    })),
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const TEMPLATE_COLUMNS = 'id, key, name, description, sections, updated_at';
const CLAUSE_COLUMNS = 'id, key, title, category, section_key, summary, body, updated_at';

/**
 * Inserts a row (no id) or updates the row with that id, answering it as stored, or undefined
 * when there is no row with the id. A key already taken is a 400 naming it.
 */
async function saveRow<Row>(
  manager: EntityManager,
  table: string,
  id: string | null,
  values: Record<string, unknown>,
  columns: string,
  duplicateMessage: string,
): Promise<Row | undefined> {
  const names = Object.keys(values);
  const params = Object.values(values);
  const sql = id
    ? `UPDATE ${table} SET ${names.map((name, index) => `${name} = $${index + 1}`).join(', ')}, updated_at = now()
        WHERE id = $${names.length + 1} RETURNING ${columns}`
    : `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, index) => `$${index + 1}`).join(', ')})
       RETURNING ${columns}`;
  try {
    // TypeORM answers an UPDATE as [rows, count] and an INSERT as rows.
    const result = (await manager.query(sql, id ? [...params, id] : params)) as Row[] | [Row[], number];
    const rows = id ? (result as [Row[], number])[0] : (result as Row[]);
    return rows[0];
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new BadRequestException(duplicateMessage);
    throw error;
  }
}

/** Specifications of consortia, their templates and the clause library. */
@Injectable()
export class SpecificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consortia: ConsortiumAccess,
    private readonly access: SpecificationAccess,
    private readonly store: DocumentStore,
    private readonly audit: AuditService,
  ) {}

  async templates(page: number, pageSize: number): Promise<Page<SpecificationTemplateView>> {
    const { rows, total } = await queryPage<TemplateRow>(
      this.dataSource.manager,
      `SELECT ${TEMPLATE_COLUMNS} FROM specification_templates`,
      [],
      'name',
      page,
      pageSize,
    );
    return { items: rows.map(toTemplate), page, pageSize, total };
  }

  async template(id: string, manager: EntityManager = this.dataSource.manager): Promise<SpecificationTemplateView> {
    const [row] = await manager.query<TemplateRow[]>(
      `SELECT ${TEMPLATE_COLUMNS} FROM specification_templates WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundException(`There is no template with id ${id}.`);
    return toTemplate(row);
  }

  async saveTemplate(
    principal: Principal,
    id: string | null,
    input: { key: string; name: string; description?: string; sections: TemplateSectionView[] },
  ): Promise<SpecificationTemplateView> {
    const keys = new Set(input.sections.map((section) => section.key));
    if (keys.size !== input.sections.length) throw new BadRequestException('sections: each section key must be unique');
    return this.dataSource.transaction(async (manager) => {
      const row = await saveRow<TemplateRow>(
        manager,
        'specification_templates',
        id,
        {
          key: input.key,
          name: input.name,
          description: input.description ?? '',
          sections: JSON.stringify(input.sections),
        },
        TEMPLATE_COLUMNS,
        `key: a template with key ${input.key} exists`,
      );
      if (!row) throw new NotFoundException(`There is no template with id ${id}.`);
      await this.audit.record(manager, actorOf(principal), {
        action: id ? 'specification-template.updated' : 'specification-template.created',
        entityType: 'specification-template',
        entityId: row.id,
        organisationId: null,
        summary: { after: { key: row.key, sections: row.sections.length } },
      });
      return toTemplate(row);
    });
  }

  async clauses(
    filter: { category?: ClauseCategory; sectionKey?: string; q?: string },
    page: number,
    pageSize: number,
  ): Promise<Page<ClauseView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.category) where.push(`category = $${params.push(filter.category)}`);
    if (filter.sectionKey) where.push(`section_key = $${params.push(filter.sectionKey)}`);
    if (filter.q) where.push(`(title || ' ' || summary) ILIKE $${params.push(containsPattern(filter.q))}`);
    const { rows, total } = await queryPage<ClauseRow>(
      this.dataSource.manager,
      `SELECT ${CLAUSE_COLUMNS} FROM specification_clauses
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
      'category, title',
      page,
      pageSize,
    );
    return { items: rows.map(toClause), page, pageSize, total };
  }

  async saveClause(
    principal: Principal,
    id: string | null,
    input: {
      key: string;
      title: string;
      category: ClauseCategory;
      sectionKey?: string | null;
      summary?: string;
      body: RichTextNode[];
    },
  ): Promise<ClauseView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await saveRow<ClauseRow>(
        manager,
        'specification_clauses',
        id,
        {
          key: input.key,
          title: input.title,
          category: input.category,
          section_key: input.sectionKey ?? null,
          summary: input.summary ?? '',
          body: JSON.stringify(input.body),
        },
        CLAUSE_COLUMNS,
        `key: a clause with key ${input.key} exists`,
      );
      if (!row) throw new NotFoundException(`There is no clause with id ${id}.`);
      await this.audit.record(manager, actorOf(principal), {
        action: id ? 'specification-clause.updated' : 'specification-clause.created',
        entityType: 'specification-clause',
        entityId: row.id,
        organisationId: null,
        summary: { after: { key: row.key, category: row.category } },
      });
      return toClause(row);
    });
  }

  async create(
    principal: Principal,
    consortiumId: string,
    input: CreateSpecificationInput,
  ): Promise<SpecificationView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.consortia.require(manager, principal, consortiumId, 'participate');
      const template = await this.template(input.templateId, manager).catch(() => {
        throw new BadRequestException(`templateId: there is no template with id ${input.templateId}`);
      });
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO specifications (consortium_id, title, template_id, shared_with_observers, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [consortiumId, input.title, template.id, input.sharedWithObservers ?? false, principal.userId],
      );
      await manager.query(
        `INSERT INTO specification_updates (specification_id, update_id, content, user_id, organisation_id)
         VALUES ($1, 'template', $2, $3, $4)`,
        [row.id, Buffer.from(templateDocument(template.sections)), principal.userId, caller.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'specification.created',
        entityType: 'specification',
        entityId: row.id,
        organisationId: caller.organisationId,
        summary: { after: { consortiumId, title: input.title, template: template.key } },
      });
      return row.id;
    });
    return this.get(principal, id);
  }

  async list(
    principal: Principal,
    consortiumId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<SpecificationSummary>> {
    const caller = await this.consortia.require(this.dataSource.manager, principal, consortiumId, 'read');
    // Observers see only the drafts shared with them.
    const observer = caller.role === 'observer';
    const { rows, total } = await queryPage<SpecificationRow>(
      this.dataSource.manager,
      `${SPECIFICATION_SELECT} WHERE s.consortium_id = $1${observer ? ' AND s.shared_with_observers' : ''}`,
      [consortiumId],
      'updated_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toSummary), page, pageSize, total };
  }

  async get(principal: Principal, id: string): Promise<SpecificationView> {
    const caller = await this.access.require(principal, id, 'read');
    const [row] = await this.dataSource.query<SpecificationRow[]>(`${SPECIFICATION_SELECT} WHERE s.id = $1`, [id]);
    const loaded = await this.store.current(id);
    return {
      ...toSummary(row),
      sections: sectionsOf(loaded.doc),
      access: caller.access,
      mayApprove: caller.mayApprove,
    };
  }

  async update(
    principal: Principal,
    id: string,
    input: { title?: string; sharedWithObservers?: boolean },
  ): Promise<SpecificationView> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(principal, id, 'write', manager);
      await manager.query(
        `UPDATE specifications SET title = COALESCE($2, title),
                shared_with_observers = COALESCE($3, shared_with_observers), updated_at = now()
          WHERE id = $1`,
        [id, input.title ?? null, input.sharedWithObservers ?? null],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'specification.updated',
        entityType: 'specification',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { ...input } },
      });
    });
    return this.get(principal, id);
  }
}
