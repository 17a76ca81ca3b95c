import { OCDS_CSV_COLUMNS } from '@consortio/shared/contracts';
import { csvRecord, parseCsv } from '@consortio/shared/domain';
import { tenderAt } from './ocds-tender-data.fixture';
import { csvCells, tenderCsvRow } from './tender-csv-row';

describe('tenderCsvRow', () => {
  it('sums the awards exactly and lists CPV and NUTS codes once each', () => {
    expect(tenderCsvRow(tenderAt('contract-signed'), 'ocds-test01')).toEqual({
      ocid: 'ocds-test01-cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      tender_id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      title: 'Electric vans and depot lighting',
      lead_buyer: 'Gemeinde Musterstadt',
      members: '3',
      estimated_value_eur: '214400.50',
      stage: 'contract-signed',
      cpv_codes: '31500000-1 34130000-7 34144900-7',
      nuts_codes: 'AT312 DE216 DE217',
      awarded_lots: '2',
      awarded_value_eur: '203500.00',
    });
    expect(tenderCsvRow(tenderAt('published'), 'ocds-test01')).toMatchObject({
      awarded_lots: '0',
      awarded_value_eur: '0.00',
    });
  });

  it('writes cells in the order of the header, readable by the CSV parser', () => {
    const row = tenderCsvRow({ ...tenderAt('published'), title: 'Vans, "e" and lights' }, 'ocds-test01');
    const text = csvRecord(OCDS_CSV_COLUMNS) + csvRecord(csvCells(row));
    const table = parseCsv(text);
    expect(table.header).toEqual([...OCDS_CSV_COLUMNS]);
    expect(table.rows[0].cells[2]).toBe('Vans, "e" and lights');
  });
});
