// docx and pdfkit are loaded when a file is first rendered, which only the worker does: the api,
// which imports this module for EXPORT_MIME, does not carry them (with their fonts) in its heap.
import type * as Docx from 'docx';
import type { ExportFormat, RichTextNode } from '@consortio/shared/contracts';
import { plainText } from '@consortio/shared/collab';

export interface ExportSection {
  title: string;
  content: RichTextNode[];
}

export interface ExportInput {
  title: string;
  consortiumName: string;
  exportedAt: Date;
  sections: ExportSection[];
}

/** Called after each section with the share done, 0 to 1. */
export type ProgressCallback = (done: number) => Promise<void>;

export const EXPORT_MIME: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function renderExport(format: ExportFormat, input: ExportInput, progress: ProgressCallback): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(input, progress) : renderDocx(input, progress);
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

function runsOf(nodes: readonly RichTextNode[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'text') {
      const marks = new Set((node.marks ?? []).map((mark) => mark.type));
      runs.push({ text: node.text ?? '', bold: marks.has('bold'), italic: marks.has('italic') });
    } else if (node.type === 'hardBreak') {
      runs.push({ text: '\n', bold: false, italic: false });
    } else {
      runs.push(...runsOf(node.content));
    }
  }
  return runs;
}

/** Blocks flattened for page layout: headings, paragraphs, list items with their marker, table rows. */
type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; marker?: string; depth: number }
  | { kind: 'table'; rows: string[][] };

function blocksOf(nodes: readonly RichTextNode[], depth = 0): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        blocks.push({ kind: 'heading', level: Number(node.attrs?.['level'] ?? 2), runs: runsOf(node.content) });
        break;
      case 'bulletList':
      case 'orderedList':
        (node.content ?? []).forEach((item, index) => {
          const [first, ...rest] = blocksOf(item.content ?? [], depth + 1);
          const marker = node.type === 'bulletList' ? '•' : `${index + 1}.`;
          if (first?.kind === 'paragraph') blocks.push({ ...first, marker, depth });
          else if (first) blocks.push(first);
          blocks.push(...rest);
        });
        break;
      case 'table':
        blocks.push({
          kind: 'table',
          rows: (node.content ?? []).map((row) => (row.content ?? []).map((cell) => plainText(cell.content ?? []))),
        });
        break;
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: runsOf(node.content), depth });
        break;
      default:
        if (node.content) blocks.push(...blocksOf(node.content, depth));
        else if (node.text) blocks.push({ kind: 'paragraph', runs: runsOf([node]), depth });
    }
  }
  return blocks;
}

async function renderPdf(input: ExportInput, progress: ProgressCallback): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: input.title, Author: input.consortiumName } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(20).text(input.title);
  pdf.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#444444');
  pdf.text(`${input.consortiumName} · ${input.exportedAt.toISOString().slice(0, 10)}`).fillColor('black');
  for (const [index, section] of input.sections.entries()) {
    pdf
      .moveDown(1)
      .font('Helvetica-Bold')
      .fontSize(15)
      .text(`${index + 1}. ${section.title}`);
    pdf.moveDown(0.3);
    for (const block of blocksOf(section.content)) {
      if (block.kind === 'table') {
        for (const row of block.rows) pdf.font('Helvetica').fontSize(10).text(row.join('  |  '));
        pdf.moveDown(0.4);
        continue;
      }
      const size = block.kind === 'heading' ? 13 - Math.min(block.level, 3) : 11;
      const indent = block.kind === 'paragraph' ? block.depth * 16 : 0;
      const marker = block.kind === 'paragraph' && block.marker ? `${block.marker} ` : '';
      const runs = block.runs.length > 0 ? block.runs : [{ text: '', bold: false, italic: false }];
      runs.forEach((run, runIndex) => {
        const font =
          block.kind === 'heading' || run.bold
            ? run.italic
              ? 'Helvetica-BoldOblique'
              : 'Helvetica-Bold'
            : run.italic
              ? 'Helvetica-Oblique'
              : 'Helvetica';
        pdf
          .font(font)
          .fontSize(size)
          .text(`${runIndex === 0 ? marker : ''}${run.text}`, { indent, continued: runIndex < runs.length - 1 });
      });
      pdf.moveDown(0.4);
    }
    await progress((index + 1) / input.sections.length);
  }
  pdf.end();
  return finished;
}

async function renderDocx(input: ExportInput, progress: ProgressCallback): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import(
    'docx'
  );
  const textRuns = (runs: Run[]) =>
    runs.map((run) => new TextRun({ text: run.text, bold: run.bold, italics: run.italic }));
  const children: (Docx.Paragraph | Docx.Table)[] = [
    new Paragraph({ text: input.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `${input.consortiumName} · ${input.exportedAt.toISOString().slice(0, 10)}` }),
  ];
  const headingLevels = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  for (const [index, section] of input.sections.entries()) {
    children.push(new Paragraph({ text: `${index + 1}. ${section.title}`, heading: HeadingLevel.HEADING_1 }));
    for (const block of blocksOf(section.content)) {
      if (block.kind === 'heading') {
        children.push(
          new Paragraph({ children: textRuns(block.runs), heading: headingLevels[Math.min(block.level, 3) - 1] }),
        );
      } else if (block.kind === 'paragraph') {
        children.push(
          new Paragraph({
            children: textRuns(
              block.marker ? [{ text: `${block.marker} `, bold: false, italic: false }, ...block.runs] : block.runs,
            ),
            indent: block.depth > 0 || block.marker ? { left: 360 * (block.depth + 1) } : undefined,
          }),
        );
      } else if (block.rows.length > 0) {
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: block.rows.map(
              (row) =>
                new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
            ),
          }),
        );
      }
    }
    await progress(((index + 1) / input.sections.length) * 0.9);
  }
  const document = new Document({
    title: input.title,
    creator: input.consortiumName,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
