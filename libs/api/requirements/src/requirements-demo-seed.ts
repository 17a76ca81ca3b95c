import type { DemoSeed } from '@consortio/api/platform/database';
import { upsertCpvCodes } from './cpv-codes';

/**
 * The CPV codes the demo data uses (energy, lighting, mobility, ICT) with their ancestors, for a
 * start without the full list; `main.js import-cpv` loads all 9,454.
 */
export const requirementsDemoSeed: DemoSeed = {
  name: 'requirements.demo-cpv-codes',
  async run(manager) {
    await upsertCpvCodes(manager, [
      { code: '09000000-3', label: 'Petroleum products, fuel, electricity and other sources of energy' },
      { code: '09300000-2', label: 'Electricity, heating, solar and nuclear energy' },
      { code: '09310000-5', label: 'Electricity' },
      { code: '09330000-1', label: 'Solar energy' },
      { code: '09331000-8', label: 'Solar panels' },
      { code: '31000000-6', label: 'Electrical machinery, apparatus, equipment and consumables; lighting' },
      { code: '31500000-1', label: 'Lighting equipment and electric lamps' },
      { code: '34000000-7', label: 'Transport equipment and auxiliary products to transportation' },
      { code: '34100000-8', label: 'Motor vehicles' },
      { code: '34140000-0', label: 'Heavy-duty motor vehicles' },
      { code: '34144000-8', label: 'Special-purpose motor vehicles' },
      { code: '34144900-7', label: 'Electric vehicles' },
      { code: '48000000-8', label: 'Software package and information systems' },
      { code: '72000000-5', label: 'IT services: consulting, software development, Internet and support' },
    ]);
  },
};
