/**
 * Share targets as plain links: no third-party script, each opens the network's
 * own share page (or the mail client) with the story's URL and headline.
 */
export interface ShareLink {
  network: 'whatsapp' | 'x' | 'facebook' | 'linkedin' | 'telegram' | 'email';
  label: string;
  href: string;
}

export function shareLinks(url: string, headline: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(headline);
  return [
    { network: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}` },
    { network: 'x', label: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { network: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { network: 'telegram', label: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { network: 'email', label: 'Email', href: `mailto:?subject=${t}&body=${u}` },
  ];
}
