//! Minimal stand-in for the SEO head (issue 23 point 3, written on another branch): the
//! same signatures, so the prerender step compiles; the lead merges the real one.

use crate::domain::catalog::ProductSummary;

/// A link of a breadcrumb, as search engines read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub name: String,
    pub url: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The head tags of a product page.
pub fn product_head(p: &ProductSummary, _crumbs: &[Crumb], url: &str) -> String {
    format!(
        r#"<link rel="canonical" href="{}"><meta property="og:title" content="{}">"#,
        esc(url),
        esc(&p.name)
    )
}

/// The head tags of a listing (catalog, category, home).
pub fn listing_head(title: &str, description: &str, url: &str, _crumbs: &[Crumb]) -> String {
    format!(
        r#"<link rel="canonical" href="{}"><meta name="description" content="{}"><meta property="og:title" content="{}">"#,
        esc(url),
        esc(description),
        esc(title)
    )
}

/// `sitemap.xml` of (loc, lastmod).
pub fn sitemap(urls: &[(String, Option<String>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        s.push_str("<url><loc>");
        s.push_str(&esc(loc));
        s.push_str("</loc>");
        if let Some(m) = lastmod {
            s.push_str("<lastmod>");
            s.push_str(&esc(m));
            s.push_str("</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt`: the shopper's own pages closed, the sitemap named.
pub fn robots(sitemap_url: &str, base_path: &str) -> String {
    let b = base_path.trim_end_matches('/');
    format!(
        "User-agent: *\nDisallow: {b}/cart\nDisallow: {b}/checkout\nDisallow: {b}/account\nDisallow: {b}/partner\nSitemap: {sitemap_url}\n"
    )
}
