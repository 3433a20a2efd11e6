import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CodedConversation, FailureModeCodesFile, Quote } from '@cooperbench-repro/contracts';
import { publicPath } from '@cooperbench-repro/public-data';

type RawMessage = { message?: string };

const hash16 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

/** Texts of the public files, each read once. */
class PublicTexts {
  private readonly cache = new Map<string, string>();
  text(localPath: string): string {
    let t = this.cache.get(localPath);
    if (t === undefined) {
      t = readFileSync(publicPath(localPath), 'utf8');
      this.cache.set(localPath, t);
    }
    return t;
  }
  json(localPath: string): unknown {
    return JSON.parse(this.text(localPath));
  }
}

function messagesOf(texts: PublicTexts, c: CodedConversation): RawMessage[] {
  const data = texts.json(c.conversation.file);
  if (c.conversation.record_index === undefined) return data as RawMessage[];
  return ((data as { messages: RawMessage[] }[])[c.conversation.record_index]?.messages ?? []) as RawMessage[];
}

function quotesOf(c: CodedConversation): { where: string; quote: Quote }[] {
  const out: { where: string; quote: Quote }[] = [];
  for (const q of c.comm_error?.evidence ?? []) out.push({ where: 'comm_error', quote: q });
  for (const q of c.plan_drift?.evidence ?? []) out.push({ where: 'plan_drift', quote: q });
  for (const q of c.symptoms?.evidence ?? []) out.push({ where: 'symptoms', quote: q });
  return out;
}

/** Every quote whose span no longer hashes to its recorded hash (or points past the text), named. */
export function checkQuotes(file: FailureModeCodesFile, texts = new PublicTexts()): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  for (const c of file.conversations) {
    const messages = messagesOf(texts, c);
    if (messages.length !== c.messages) problems.push(`${c.conversation.file}#${c.conversation.record_index ?? ''}: ${c.messages} messages coded, ${messages.length} in the data`);
    for (const { where, quote } of quotesOf(c)) {
      checked++;
      const text = 'message_index' in quote ? messages[quote.message_index]?.message : texts.text(quote.file);
      const span = text?.slice(quote.start, quote.end) ?? '';
      if (text === undefined || quote.end > text.length || hash16(span) !== quote.quote_sha256) {
        problems.push(`${c.conversation.file}#${c.conversation.record_index ?? ''} ${where}: quote ${JSON.stringify({ ...quote })} does not match the text`);
      }
    }
  }
  return { checked, problems };
}
