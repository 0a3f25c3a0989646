import { createContext, useContext } from 'react';

export interface SocialPostAttrs {
  network: string;
  author: string;
  handle: string | null;
  url: string | null;
  text: string;
  postedAt: string | null;
}

export interface ImageAttrs {
  mediaId: string | null;
  src: string | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

/**
 * How node views inside the editor open the forms that live outside it: a
 * node view passes its position, the body editor opens the dialog.
 */
export interface EditorActions {
  editSocialPost: (pos: number, attrs: SocialPostAttrs) => void;
  editImage: (pos: number, attrs: ImageAttrs) => void;
}

export const EditorActionsContext = createContext<EditorActions>({ editSocialPost: () => {}, editImage: () => {} });

export const useEditorActions = () => useContext(EditorActionsContext);
