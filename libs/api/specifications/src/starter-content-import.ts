import type { EntityManager, QueryRunner } from 'typeorm';
import { STARTER_CLAUSES, STARTER_TEMPLATES } from './starter-content';

/** Adds the team's templates and clauses where their keys are not taken; changes nothing already there. */
export async function insertStarterContent(runner: Pick<QueryRunner | EntityManager, 'query'>): Promise<void> {
  for (const template of STARTER_TEMPLATES) {
    await runner.query(
      `INSERT INTO specification_templates (key, name, description, sections) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO NOTHING`,
      [template.key, template.name, template.description, JSON.stringify(template.sections)],
    );
  }
  for (const clause of STARTER_CLAUSES) {
    await runner.query(
      `INSERT INTO specification_clauses (key, title, category, section_key, summary, body)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
      [clause.key, clause.title, clause.category, clause.sectionKey, clause.summary, JSON.stringify(clause.body)],
    );
  }
}
