import { csvRecord, CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads a header and rows with their line numbers', () => {
    expect(parseCsv('a,b\n1,2\r\n3,4\n')).toEqual({
      header: ['a', 'b'],
      rows: [
        { line: 2, cells: ['1', '2'] },
        { line: 3, cells: ['3', '4'] },
      ],
    });
  });

  it('keeps quoted separators, doubled quotes and line breaks inside a field', () => {
    const table = parseCsv('a,b\n"x, ""y""","line\nbreak"\nlast,row');
    expect(table.rows).toEqual([
      { line: 2, cells: ['x, "y"', 'line\nbreak'] },
      { line: 4, cells: ['last', 'row'] },
    ]);
  });

  it('accepts what spreadsheets write: a byte-order mark and semicolons', () => {
    expect(parseCsv('\uFEFFa;b\n1;2')).toEqual({ header: ['a', 'b'], rows: [{ line: 2, cells: ['1', '2'] }] });
  });

  it('skips blank lines and keeps empty fields', () => {
    expect(parseCsv('a,b\n\n1,\n').rows).toEqual([{ line: 3, cells: ['1', ''] }]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
    expect(() => parseCsv('a\nx"y"')).toThrow(CsvSyntaxError);
  });
});

describe('csvRecord', () => {
  it('quotes only what needs it and ends the record with CRLF', () => {
    expect(csvRecord(['plain', 12.5, null, 'a,b', 'say "hi"', 'two\nlines'])).toBe(
      'plain,12.5,,"a,b","say ""hi""","two\nlines"\r\n',
    );
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula, not before numbers', () => {
    expect(csvRecord(['=HYPERLINK("http://x","y")', '+A1', '-', '@SUM(A1)', '\tx', "'=already", 'a=b'])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+A1,'-,'@SUM(A1),'\tx,''=already,a=b\r\n`,
    );
    expect(csvRecord([-12.5, '-12.5', '+3', '-4,5'])).toBe('-12.5,-12.5,+3,"-4,5"\r\n');
  });

  it('writes what parseCsv reads back unchanged', () => {
    const rows = [
      ['Gemeinde Süd; Nord', '=1+1', ''],
      ['"quoted"', 'x\r\ny', ' padded '],
      ['@cmd', "'=kept apostrophe", '-3'],
      ["'plain apostrophe", '+49 89 1234', '-'],
    ];
    const text = csvRecord(['a', 'b', 'c']) + rows.map((row) => csvRecord(row)).join('');
    expect(parseCsv(text).rows.map((row) => row.cells)).toEqual(rows);
  });
});
