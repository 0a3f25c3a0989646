import type { ReactNode } from 'react';

/** Small stroke icons for the toolbar; decorative (the buttons carry the names). */
const Svg = ({ children }: { children: ReactNode }) => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const BulletListIcon = () => (
  <Svg>
    <circle cx="5" cy="7" r="1" fill="currentColor" />
    <circle cx="5" cy="12" r="1" fill="currentColor" />
    <circle cx="5" cy="17" r="1" fill="currentColor" />
    <path d="M10 7h10M10 12h10M10 17h10" />
  </Svg>
);

export const NumberedListIcon = () => (
  <Svg>
    <path d="M4 5h1.5v4M4 9h3M4 14.5c0-1 2.5-1.3 2.5 0 0 1-2.5 1.8-2.5 3h3" strokeWidth="1.5" />
    <path d="M11 7h9M11 12h9M11 17h9" />
  </Svg>
);

export const QuoteIcon = () => (
  <Svg>
    <path d="M7 17c-2 0-3-1.5-3-3.5C4 10 6 7.5 9 6.5M17 17c-2 0-3-1.5-3-3.5 0-3.5 2-6 5-7" />
  </Svg>
);

export const RuleIcon = () => (
  <Svg>
    <path d="M3 12h18" />
  </Svg>
);

export const UndoIcon = () => (
  <Svg>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Svg>
);

export const RedoIcon = () => (
  <Svg>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Svg>
);
