import { Extension, textInputRule } from '@tiptap/react';

/**
 * Typographic punctuation as you type: straight quotes become curly ones (opening after a
 * space or an opening bracket, closing elsewhere, so an apostrophe comes out as ’), three
 * dots an ellipsis and two hyphens an em dash. Undo (Mod-z) right after gives the straight
 * character back, as input rules do. Pasted text is left as it is.
 */
const OPENS_AFTER = `(?:^|[\\s{[(<'"\\u2018\\u201C])`;

export function smartenQuotes(text: string): string {
  return text
    .replace(new RegExp(`${OPENS_AFTER}"`, 'g'), (m) => m.slice(0, -1) + '\u201C')
    .replace(/"/g, '\u201D')
    .replace(new RegExp(`${OPENS_AFTER}'`, 'g'), (m) => m.slice(0, -1) + '\u2018')
    .replace(/'/g, '\u2019');
}

export const SmartQuotes = Extension.create({
  name: 'smartQuotes',
  addInputRules() {
    return [
      textInputRule({ find: new RegExp(`${OPENS_AFTER}(")$`), replace: '\u201C' }),
      textInputRule({ find: /"$/, replace: '\u201D' }),
      textInputRule({ find: new RegExp(`${OPENS_AFTER}(')$`), replace: '\u2018' }),
      textInputRule({ find: /'$/, replace: '\u2019' }),
      textInputRule({ find: /\.\.\.$/, replace: '\u2026' }),
      textInputRule({ find: /--$/, replace: '\u2014' }),
    ];
  },
});
