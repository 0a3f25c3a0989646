import { Extension, type AnyExtension } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Placeholder from '@tiptap/extension-placeholder';
import Link from '@tiptap/extension-link';
import { safeHref } from '../../doc/safe-url.js';
import { ImageNode } from './image-node.js';
import { QuoteNode } from './quote-node.js';
import { SocialPostNode } from './social-post-node.js';
import { Subscript, Superscript } from './script-marks.js';
import { SmartQuotes } from './smart-quotes.js';

/**
 * TipTap makes a link mark "inclusive" when autolink is on, so text typed right after a
 * link became part of it. A link ends where it ends.
 */
const NonInclusiveLink = Link.extend({ inclusive: () => false });

export interface ExtensionOptions {
  placeholder: string;
  /** Mod-K: open the link dialog. */
  onLinkShortcut: () => void;
}

/**
 * The editor's schema: exactly the node and mark names the server accepts
 * (src/doc/doc-schema.ts). Code blocks are off (the site has none), headings
 * are h2–h4, and the quote is our own node with an attribution.
 */
export function createExtensions({ placeholder, onLinkShortcut }: ExtensionOptions): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      codeBlock: false,
      heading: { levels: [2, 3, 4] },
      link: false,
    }),
    NonInclusiveLink.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => safeHref(url) !== null,
      HTMLAttributes: { rel: 'noopener noreferrer', target: null },
    }),
    SmartQuotes,
    QuoteNode,
    SocialPostNode,
    ImageNode,
    Subscript,
    Superscript,
    Placeholder.configure({ placeholder }),
    Extension.create({
      name: 'datelineShortcuts',
      addKeyboardShortcuts() {
        return {
          'Mod-k': () => {
            // A tick later, so a selection just made with Shift+arrows has reached the editor state.
            window.setTimeout(onLinkShortcut, 0);
            return true;
          },
        };
      },
    }),
  ];
}
