import type { DemoSeed } from '@consortio/api/platform/database';
import { insertStarterContent } from './starter-content-import';
import { templateDocument } from './specifications.service';
import type { TemplateSectionView } from '@consortio/shared/contracts';

/**
 * A specification to open after `npm start`: the e-mobility consortium's charging tender,
 * started from the standard template and shared with its ministry observer.
 */
export const specificationsDemoSeed: DemoSeed = {
  name: 'specifications.demo-specification',
  async run(manager) {
    const [consortium] = await manager.query<{ id: string; lead_organisation_id: string }[]>(
      "SELECT id, lead_organisation_id FROM consortia WHERE name = 'E-Mobilität Oberbayern'",
    );
    if (!consortium) throw new Error('The demo consortium is missing; the consortia demo seed runs first');
    // The migration adds them; a database emptied since (tests do) gets them back here.
    await insertStarterContent(manager);
    const [template] = await manager.query<{ id: string; sections: TemplateSectionView[] }[]>(
      "SELECT id, sections FROM specification_templates WHERE key = 'smart-city-standard'",
    );
    const [anna] = await manager.query<{ id: string }[]>(
      "SELECT id FROM users WHERE email = 'officer@musterstadt.test'",
    );
    const [specification] = await manager.query<{ id: string }[]>(
      `INSERT INTO specifications (consortium_id, title, template_id, shared_with_observers, created_by)
       VALUES ($1, 'Public charging points: tender specification', $2, true, $3) RETURNING id`,
      [consortium.id, template.id, anna.id],
    );
    await manager.query(
      `INSERT INTO specification_updates (specification_id, update_id, content, user_id, organisation_id)
       VALUES ($1, 'template', $2, $3, $4)`,
      [specification.id, Buffer.from(templateDocument(template.sections)), anna.id, consortium.lead_organisation_id],
    );
  },
};
