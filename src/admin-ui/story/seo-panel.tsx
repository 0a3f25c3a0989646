import { CharCount, TextArea, TextField } from '../components/field.js';
import { useMediaItem } from '../editor/use-media-item.js';

export interface SeoPanelProps {
  headline: string;
  standfirst: string;
  seoTitle: string;
  seoDescription: string;
  slug: string;
  slugError?: string | undefined;
  publicUrl: string | null;
  siteName: string;
  heroMediaId: string | null;
  onChange: (change: { seoTitle?: string; seoDescription?: string; slug?: string }) => void;
  disabled: boolean;
}

const TITLE_LENGTH = 60;
const DESCRIPTION_LENGTH = 160;

function clip(text: string, max: number) {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

/** Search and sharing: overrides, with previews of how the story shows up on Google and in a share card. */
export function SeoPanel(props: SeoPanelProps) {
  const { headline, standfirst, seoTitle, seoDescription, slug, slugError, publicUrl, siteName, heroMediaId, onChange, disabled } = props;
  const { media } = useMediaItem(heroMediaId);
  const title = seoTitle.trim() || headline.trim() || 'Headline';
  const description = seoDescription.trim() || standfirst.trim() || 'The standfirst appears here unless you write a description.';
  const url = new URL(publicUrl || `/${slug || 'story'}`, window.location.origin);
  const crumbs = [url.host, ...url.pathname.split('/').filter(Boolean)].join(' › ');
  const image = media?.url ?? media?.thumbUrl ?? null;

  return (
    <section className="panel" aria-labelledby="seo-title">
      <h2 id="seo-title" className="panel-title">
        Search and sharing
      </h2>
      <TextField
        label="SEO title"
        value={seoTitle}
        onChange={(value) => onChange({ seoTitle: value })}
        placeholder={headline || 'Defaults to the headline'}
        maxLength={120}
        aside={<CharCount value={seoTitle || headline} recommended={TITLE_LENGTH} />}
        disabled={disabled}
      />
      <TextArea
        label="SEO description"
        value={seoDescription}
        onChange={(value) => onChange({ seoDescription: value })}
        rows={3}
        placeholder={standfirst || 'Defaults to the standfirst'}
        maxLength={300}
        aside={<CharCount value={seoDescription || standfirst} recommended={DESCRIPTION_LENGTH} />}
        disabled={disabled}
      />
      <TextField label="URL slug" maxLength={96} value={slug} onChange={(value) => onChange({ slug: value })} hint="Changing it after publication keeps the old address working (it redirects)." error={slugError} disabled={disabled} />

      <h3 className="preview-heading">Search result preview</h3>
      <div className="serp-preview" aria-label="Search result preview">
        <div className="serp-site">
          <span className="serp-favicon" aria-hidden="true">
            {siteName.slice(0, 1).toUpperCase()}
          </span>
          <span>
            <span className="serp-site-name">{siteName}</span>
            <span className="serp-url">{crumbs}</span>
          </span>
        </div>
        <div className="serp-title">{clip(title, TITLE_LENGTH)}</div>
        <div className="serp-description">{clip(description, DESCRIPTION_LENGTH)}</div>
      </div>

      <h3 className="preview-heading">Share card preview</h3>
      <div className="share-preview" aria-label="Share card preview">
        {image ? <img src={image} alt="" className="share-image" /> : <div className="share-image share-image-empty">No hero picture: the site logo is shared instead</div>}
        <div className="share-text">
          <div className="share-site">{url.host.toUpperCase()}</div>
          <div className="share-title">{clip(title, 90)}</div>
          <div className="share-description">{clip(description, 120)}</div>
        </div>
      </div>
    </section>
  );
}
