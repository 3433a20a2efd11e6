import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@cooperbench-repro/contracts';

/** Writes `<outDir>/<stem>.<ext>` for each text by extension (md, tex, csv...), each atomically, in the order given; returns the paths. */
export async function writeTableFiles<K extends string>(outDir: string, stem: string, texts: Record<K, string>): Promise<Record<K, string>> {
  await mkdir(outDir, { recursive: true });
  const files = {} as Record<K, string>;
  for (const ext of Object.keys(texts) as K[]) {
    files[ext] = join(outDir, `${stem}.${ext}`);
    await writeFileAtomic(files[ext], texts[ext]);
  }
  return files;
}

/** Writes a table's Markdown and LaTeX as `<outDir>/<stem>.md` and `<stem>.tex`; returns the table with the paths. */
export async function writeMarkdownAndLatex<T extends { markdown: string; latex: string }>(outDir: string, stem: string, table: T): Promise<T & { files: { md: string; tex: string } }> {
  const files = await writeTableFiles(outDir, stem, { md: table.markdown, tex: table.latex });
  return { ...table, files };
}
