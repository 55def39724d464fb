//! What search engines and link previews read (issue 23): a page's head tags (title, meta
//! description, canonical, Open Graph, Twitter card, schema.org JSON-LD), the sitemap and
//! robots.txt. Plain strings from domain values, written at deploy time by the prerender;
//! everything that comes from the backend is escaped for where it lands.

use super::catalog::{Availability, ProductSummary};
use super::text::is_web_url;
use serde_json::{json, Value};

/// The shop's name: the app's tab titles end with it, og:site_name is it.
const SITE: &str = "Витрина";

/// How long a meta description may be before it is cut at a word (what search results show).
const DESCRIPTION_CHARS: usize = 160;

/// Products with this many left or fewer are «Осталось N шт.» on the product page.
const FEW_LEFT: u64 = 5;

/// One step of a breadcrumb: its name and its absolute URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub name: String,
    pub url: String,
}

/// Every head tag of a product page: title, description, canonical, Open Graph (product),
/// Twitter card, and one JSON-LD block with the schema.org `Product` and `BreadcrumbList`.
pub fn product_head(p: &ProductSummary, crumbs: &[Crumb], url: &str) -> String {
    let description = p
        .short_description
        .as_deref()
        .map(clip)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| {
            clip(&format!(
                "{} — {}. Купить в магазине {SITE}.",
                p.name.trim(),
                p.price
            ))
        });
    let images: Vec<&str> = p
        .cover()
        .into_iter()
        .chain(&p.images)
        .map(|i| i.url.as_str())
        .filter(|u| is_web_url(u))
        .fold(Vec::new(), |mut seen, u| {
            if !seen.contains(&u) {
                seen.push(u);
            }
            seen
        });
    let price = price_text(&p.price.amount);
    let mut h = Head::new(&page_title(&p.name), &description, url);
    h.og("og:type", "product");
    h.og("og:title", og_title(&p.name));
    h.og("og:description", &description);
    if let Some(img) = images.first() {
        h.og("og:image", img);
        if let Some(alt) = p.cover().map(|c| c.alt.trim()).filter(|a| !a.is_empty()) {
            h.og("og:image:alt", alt);
        }
    }
    h.og("og:url", url);
    h.og("og:site_name", SITE);
    h.og("og:locale", "ru_RU");
    h.og("product:price:amount", &price);
    h.og("product:price:currency", &p.price.currency);
    h.og("product:availability", og_availability(p));
    let card = if images.is_empty() {
        "summary"
    } else {
        "summary_large_image"
    };
    h.twitter(
        card,
        og_title(&p.name),
        &description,
        images.first().copied(),
    );
    let mut product = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name.trim(),
        "description": p
            .short_description
            .as_deref()
            .map(|d| words(d).join(" "))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| description.clone()),
        "image": images,
        "sku": p.id,
        "productID": p.id,
        "url": url,
        "offers": {
            "@type": "Offer",
            "price": price,
            "priceCurrency": p.price.currency,
            "availability": format!("https://schema.org/{}", schema_availability(p)),
            "url": url,
        },
    });
    if let Some(c) = p
        .category_name
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        product["category"] = c.into();
    }
    if p.rating.count > 0 {
        product["aggregateRating"] = json!({
            "@type": "AggregateRating",
            "ratingValue": p.rating.average.normalize().to_string(),
            "reviewCount": p.rating.count,
            "bestRating": "5",
            "worstRating": "1",
        });
    }
    let mut graph = vec![product];
    graph.extend(breadcrumb_list(crumbs));
    h.json_ld(&Value::Array(graph));
    h.0
}

/// A listing page's head (/catalog, a category, /categories, home): title, description,
/// canonical, Open Graph (website), Twitter summary card, and a JSON-LD `BreadcrumbList`
/// when there are crumbs. `title` is the page's own (`""` for home), as the app sets it.
pub fn listing_head(title: &str, description: &str, url: &str, crumbs: &[Crumb]) -> String {
    let description = clip(description);
    let mut h = Head::new(&page_title(title), &description, url);
    h.og("og:type", "website");
    h.og("og:title", og_title(title));
    h.og("og:description", &description);
    h.og("og:url", url);
    h.og("og:site_name", SITE);
    h.og("og:locale", "ru_RU");
    h.twitter("summary", og_title(title), &description, None);
    if let Some(list) = breadcrumb_list(crumbs) {
        h.json_ld(&list);
    }
    h.0
}

/// `sitemap.xml`: one `<url>` per (absolute URL, last change) pair; a last change is kept
/// as its date (`2024-01-15`, from a date or an ISO date-time), anything else is left out.
pub fn sitemap(urls: &[(String, Option<String>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        out.push_str("  <url><loc>");
        out.push_str(&escape(loc.trim()));
        out.push_str("</loc>");
        if let Some(day) = lastmod.as_deref().and_then(day_of) {
            out.push_str("<lastmod>");
            out.push_str(&day);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: every crawler may read the shop but not its private pages (the cart,
/// favorites, checkout and its return, the account and its orders, the partner cabinet, sign-in:
/// src/routes/table.rs; tests/seo.rs holds the two together), and where the sitemap is.
/// `base_path` is the shop's sub-path (`""`, `/`, `/shop` or `/shop/`).
pub fn robots(sitemap_url: &str, base_path: &str) -> String {
    let base = base_path.trim().trim_end_matches('/');
    let mut out = String::from("User-agent: *\n");
    for path in [
        "cart",
        "favorites",
        "checkout",
        "account",
        "partner",
        "signin",
    ] {
        out.push_str(&format!("Disallow: {base}/{path}\n"));
    }
    out.push('\n');
    // One line each: a newline in the URL would start a rule of its own.
    out.push_str(&format!(
        "Sitemap: {}\n",
        sitemap_url.trim().replace(['\r', '\n'], "")
    ));
    out
}

/// The tab title: «Название — Витрина», or «Витрина» for a page without a title of its own.
/// The app's `<Title>` formatter (src/app.rs) is this function, so the prerendered head and
/// the app's tab never differ.
pub fn page_title(t: &str) -> String {
    let t = t.trim();
    if t.is_empty() {
        SITE.to_string()
    } else {
        format!("{t} — {SITE}")
    }
}

/// The name a preview shows in bold: the page's own name (og:site_name carries the shop's).
fn og_title(t: &str) -> &str {
    match t.trim() {
        "" => SITE,
        t => t,
    }
}

/// Whitespace runs made one space, and cut at a word to at most `DESCRIPTION_CHARS`
/// characters with «…» when longer.
fn clip(s: &str) -> String {
    let words = words(s);
    let all = words.join(" ");
    if all.chars().count() <= DESCRIPTION_CHARS {
        return all;
    }
    let mut out = String::new();
    for w in &words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + w.chars().count();
        if len + 1 > DESCRIPTION_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        // One word longer than the limit: cut inside it.
        out = all.chars().take(DESCRIPTION_CHARS - 1).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '—', '-', ' ']);
    format!("{out}…")
}

/// The words of a text, split at whitespace but the no-break space (`45 990 ₽` stays whole).
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect()
}

/// The amount as schema.org and Open Graph read a price: a dot, at least two decimals,
/// never through a float (`1990` → `1990.00`, `12.345` stays).
fn price_text(amount: &rust_decimal::Decimal) -> String {
    let s = amount.to_string();
    match s.split_once('.') {
        None => format!("{s}.00"),
        Some((_, frac)) if frac.len() < 2 => format!("{s}0"),
        Some(_) => s,
    }
}

/// The schema.org `ItemAvailability` of a card, as the product page words it.
fn schema_availability(p: &ProductSummary) -> &'static str {
    match (p.availability, p.stock_quantity) {
        (Availability::InStock, Some(0)) | (Availability::OutOfStock, _) => "OutOfStock",
        (Availability::InStock, Some(n)) if n <= FEW_LEFT => "LimitedAvailability",
        (Availability::InStock, _) => "InStock",
        (Availability::Unavailable, _) => "Discontinued",
    }
}

/// Open Graph's `product:availability` words.
fn og_availability(p: &ProductSummary) -> &'static str {
    match schema_availability(p) {
        "InStock" | "LimitedAvailability" => "in stock",
        _ => "out of stock",
    }
}

fn breadcrumb_list(crumbs: &[Crumb]) -> Option<Value> {
    (!crumbs.is_empty()).then(|| {
        let items: Vec<Value> = crumbs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "@type": "ListItem",
                    "position": i + 1,
                    "name": c.name.trim(),
                    "item": c.url,
                })
            })
            .collect();
        json!({
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": items,
        })
    })
}

/// `2024-01-15` of `2024-01-15` or `2024-01-15T10:00:00Z`; `None` for anything else.
fn day_of(s: &str) -> Option<String> {
    let s = s.trim();
    let day = s.get(..10)?;
    let rest = &s[10..];
    let shape = day.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    (shape
        && super::dates::parse_date(day).is_some()
        && (rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')))
    .then(|| day.to_string())
}

/// Text for an HTML attribute or element, or XML: the five special characters as entities.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// JSON inside `<script>`: `<`, `>` and `&` as `\u` escapes (still the same JSON), so no
/// text from the backend can close the element or open a comment in it.
fn script_json(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Head tags, one a line.
struct Head(String);

impl Head {
    fn new(title: &str, description: &str, url: &str) -> Self {
        let mut h = Head(format!("<title>{}</title>\n", escape(title)));
        h.tag("meta", "name", "description", description);
        h.0.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\"/>\n",
            escape(url)
        ));
        h
    }

    fn tag(&mut self, tag: &str, key: &str, name: &str, content: &str) {
        self.0.push_str(&format!(
            "<{tag} {key}=\"{}\" content=\"{}\"/>\n",
            escape(name),
            escape(content)
        ));
    }

    fn og(&mut self, property: &str, content: &str) {
        self.tag("meta", "property", property, content);
    }

    fn twitter(&mut self, card: &str, title: &str, description: &str, image: Option<&str>) {
        self.tag("meta", "name", "twitter:card", card);
        self.tag("meta", "name", "twitter:title", title);
        self.tag("meta", "name", "twitter:description", description);
        if let Some(img) = image {
            self.tag("meta", "name", "twitter:image", img);
        }
    }

    fn json_ld(&mut self, v: &Value) {
        self.0.push_str("<script type=\"application/ld+json\">");
        self.0.push_str(&script_json(v));
        self.0.push_str("</script>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::{clip, day_of, price_text, DESCRIPTION_CHARS};
    use std::str::FromStr;

    #[test]
    fn a_word_longer_than_a_description_is_cut_inside_it() {
        let long = "а".repeat(400);
        let out = clip(&format!("  {long}  "));
        assert_eq!(out.chars().count(), DESCRIPTION_CHARS);
        assert!(out.ends_with('…'));
        assert_eq!(clip("  коротко \n и ясно "), "коротко и ясно");
    }

    #[test]
    fn prices_keep_every_digit_and_two_decimals_at_least() {
        let p = |s| price_text(&rust_decimal::Decimal::from_str(s).unwrap());
        assert_eq!(p("1990"), "1990.00");
        assert_eq!(p("1990.5"), "1990.50");
        assert_eq!(p("0.125"), "0.125");
    }

    #[test]
    fn lastmod_is_a_real_day_or_nothing() {
        assert_eq!(
            day_of("2026-12-01T09:30:00+03:00").as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(day_of("2026-13-01"), None);
        assert_eq!(day_of("20261201"), None);
        assert_eq!(day_of("2026-12-01x"), None);
    }
}
