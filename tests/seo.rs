//! What search engines and link previews read (issue 23, `domain::seo`): the head tags and
//! JSON-LD of product and listing pages, the sitemap and robots.txt, each parsed back as a
//! crawler would (XML for the head and the sitemap, serde_json for JSON-LD), with hostile
//! backend text kept inert everywhere.
#![cfg(not(target_arch = "wasm32"))]

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use vitrina::domain::catalog::{Availability, ProductImage, ProductSummary, Rating};
use vitrina::domain::money::Money;
use vitrina::domain::seo::{listing_head, product_head, robots, sitemap, Crumb};
use vitrina::routes::{Page, PAGES};

const HOSTILE: &str = "</script><script>alert(1)</script> \"quoted\" 'single' & <!-- Tom & Jerry";
const URL: &str = "https://shop.example/product/p-1";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn image(url: &str, primary: bool) -> ProductImage {
    ProductImage {
        url: url.into(),
        thumbnail_url: url.into(),
        alt: "Котёл спереди".into(),
        is_primary: primary,
    }
}

fn product() -> ProductSummary {
    ProductSummary {
        id: "p-1".into(),
        name: "Котёл газовый Navien 24 кВт".into(),
        short_description: Some("Настенный двухконтурный котёл для дома до 240 м².".into()),
        price: Money::rub(d("45990.50")),
        compare_at: None,
        availability: Availability::InStock,
        stock_quantity: Some(12),
        category_name: Some("Котлы".into()),
        images: vec![
            image("https://cdn.example/p-1/side.jpg", false),
            image("https://cdn.example/p-1/front.jpg", true),
        ],
        tags: vec![],
        rating: Rating {
            average: d("4.7"),
            count: 23,
        },
        commission_percent: Decimal::ZERO,
        career_points_percent: Decimal::ZERO,
    }
}

fn crumbs() -> Vec<Crumb> {
    vec![
        Crumb {
            name: "Главная".into(),
            url: "https://shop.example/".into(),
        },
        Crumb {
            name: "Котлы".into(),
            url: "https://shop.example/category/c-1".into(),
        },
        Crumb {
            name: "Котёл газовый Navien 24 кВт".into(),
            url: URL.into(),
        },
    ]
}

/// The head parsed as a document: every tag well-formed, text and attributes unescaped.
struct Parsed {
    title: String,
    /// (name or property, content) of every meta tag, in order.
    meta: Vec<(String, String)>,
    canonical: Option<String>,
    /// The text of every `<script>`.
    scripts: Vec<String>,
}

fn parse_head(head: &str) -> Parsed {
    let doc = format!("<head>{head}</head>");
    let xml = roxmltree::Document::parse(&doc)
        .unwrap_or_else(|e| panic!("the head is not well-formed ({e}):\n{head}"));
    let root = xml.root_element();
    let mut p = Parsed {
        title: String::new(),
        meta: vec![],
        canonical: None,
        scripts: vec![],
    };
    for n in root.children().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "title" => p.title = n.text().unwrap_or_default().to_string(),
            "meta" => {
                let key = n.attribute("property").or(n.attribute("name")).unwrap();
                p.meta
                    .push((key.to_string(), n.attribute("content").unwrap().to_string()));
            }
            "link" if n.attribute("rel") == Some("canonical") => {
                p.canonical = n.attribute("href").map(str::to_string)
            }
            "script" => {
                assert_eq!(n.attribute("type"), Some("application/ld+json"));
                p.scripts.push(n.text().unwrap_or_default().to_string());
            }
            other => panic!("unexpected <{other}> in the head"),
        }
    }
    p
}

impl Parsed {
    fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The one JSON-LD block, parsed, as a list of its nodes.
    fn json_ld(&self) -> Vec<Value> {
        assert_eq!(self.scripts.len(), 1, "one JSON-LD block");
        let v: Value = serde_json::from_str(&self.scripts[0])
            .unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}): {}", self.scripts[0]));
        match v {
            Value::Array(items) => items,
            one => vec![one],
        }
    }

    fn node(&self, kind: &str) -> Option<Value> {
        self.json_ld().into_iter().find(|n| n["@type"] == kind)
    }
}

fn check_breadcrumbs(list: &Value, crumbs: &[Crumb]) {
    assert_eq!(list["@context"], "https://schema.org");
    let items = list["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), crumbs.len());
    for (i, (item, c)) in items.iter().zip(crumbs).enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], i + 1);
        assert_eq!(item["name"], c.name.as_str());
        assert_eq!(item["item"], c.url.as_str());
    }
}

#[test]
fn product_head_tells_a_crawler_the_name_price_stock_rating_and_path() {
    let p = product();
    let h = parse_head(&product_head(&p, &crumbs(), URL));
    // The tab title as the app's formatter writes it (src/app.rs).
    assert_eq!(h.title, "Котёл газовый Navien 24 кВт — Витрина");
    let desc = "Настенный двухконтурный котёл для дома до 240 м².";
    assert_eq!(h.meta("description"), Some(desc));
    assert_eq!(h.canonical.as_deref(), Some(URL));
    for (key, want) in [
        ("og:type", "product"),
        ("og:title", "Котёл газовый Navien 24 кВт"),
        ("og:description", desc),
        ("og:image", "https://cdn.example/p-1/front.jpg"),
        ("og:url", URL),
        ("og:site_name", "Витрина"),
        ("og:locale", "ru_RU"),
        ("product:price:amount", "45990.50"),
        ("product:price:currency", "RUB"),
        ("twitter:card", "summary_large_image"),
        ("twitter:title", "Котёл газовый Navien 24 кВт"),
        ("twitter:description", desc),
        ("twitter:image", "https://cdn.example/p-1/front.jpg"),
    ] {
        assert_eq!(h.meta(key), Some(want), "{key}");
    }

    let product = h.node("Product").expect("a schema.org Product");
    assert_eq!(product["@context"], "https://schema.org");
    assert_eq!(product["name"], "Котёл газовый Navien 24 кВт");
    assert_eq!(product["description"], desc);
    // The primary image first, then the others.
    assert_eq!(
        product["image"],
        serde_json::json!([
            "https://cdn.example/p-1/front.jpg",
            "https://cdn.example/p-1/side.jpg"
        ])
    );
    assert_eq!(product["sku"], "p-1");
    assert_eq!(product["category"], "Котлы");
    let offer = &product["offers"];
    assert_eq!(offer["@type"], "Offer");
    assert_eq!(d(offer["price"].as_str().unwrap()), p.price.amount);
    assert_eq!(offer["priceCurrency"], "RUB");
    assert_eq!(offer["availability"], "https://schema.org/InStock");
    assert_eq!(offer["url"], URL);
    let rating = &product["aggregateRating"];
    assert_eq!(rating["@type"], "AggregateRating");
    assert_eq!(d(rating["ratingValue"].as_str().unwrap()), d("4.7"));
    assert_eq!(rating["reviewCount"], 23);

    check_breadcrumbs(
        &h.node("BreadcrumbList").expect("a BreadcrumbList"),
        &crumbs(),
    );
}

#[test]
fn the_offer_price_is_the_cards_decimal_to_the_kopeck() {
    for amount in ["1990", "1990.5", "0.01", "12345678901234567.89", "99.999"] {
        let mut p = product();
        p.price = Money::rub(d(amount));
        let h = parse_head(&product_head(&p, &[], URL));
        let price = h.node("Product").unwrap()["offers"]["price"].clone();
        let text = price.as_str().expect("the price as text, not a float");
        assert_eq!(d(text), d(amount), "{amount}");
        assert!(
            text.split_once('.').is_some_and(|(_, f)| f.len() >= 2),
            "{text}"
        );
        assert_eq!(h.meta("product:price:amount"), Some(text));
    }
}

#[test]
fn a_product_without_reviews_has_no_aggregate_rating() {
    let mut p = product();
    p.rating = Rating::default();
    let h = parse_head(&product_head(&p, &crumbs(), URL));
    let product = h.node("Product").unwrap();
    assert!(product.get("aggregateRating").is_none(), "{product}");
}

#[test]
fn availability_is_the_schema_org_word_for_what_the_card_says() {
    let cases = [
        (Availability::InStock, None, "InStock", "in stock"),
        (Availability::InStock, Some(40), "InStock", "in stock"),
        // The product page's «Осталось 3 шт.».
        (
            Availability::InStock,
            Some(3),
            "LimitedAvailability",
            "in stock",
        ),
        (
            Availability::OutOfStock,
            Some(0),
            "OutOfStock",
            "out of stock",
        ),
        (
            Availability::Unavailable,
            None,
            "Discontinued",
            "out of stock",
        ),
    ];
    for (availability, stock, schema, og) in cases {
        let mut p = product();
        p.availability = availability;
        p.stock_quantity = stock;
        let h = parse_head(&product_head(&p, &[], URL));
        let offer = h.node("Product").unwrap()["offers"].clone();
        assert_eq!(
            offer["availability"],
            format!("https://schema.org/{schema}"),
            "{availability:?} {stock:?}"
        );
        assert_eq!(h.meta("product:availability"), Some(og));
    }
}

#[test]
fn only_web_images_reach_previews_and_json_ld() {
    let mut p = product();
    p.images = vec![
        image("javascript:alert(1)", true),
        image("data:image/png;base64,AAAA", false),
    ];
    let h = parse_head(&product_head(&p, &[], URL));
    assert_eq!(h.meta("og:image"), None);
    assert_eq!(h.meta("twitter:image"), None);
    assert_eq!(h.meta("twitter:card"), Some("summary"));
    assert_eq!(h.node("Product").unwrap()["image"], serde_json::json!([]));
    // No crumbs: no BreadcrumbList.
    assert!(h.node("BreadcrumbList").is_none());
}

#[test]
fn a_long_description_is_cut_at_a_word_for_search_results() {
    let mut p = product();
    let long = "Котёл   надёжный\nи тихий. ".repeat(20);
    p.short_description = Some(long.clone());
    let h = parse_head(&product_head(&p, &[], URL));
    let desc = h.meta("description").unwrap();
    assert!(
        desc.chars().count() <= 160,
        "{} chars",
        desc.chars().count()
    );
    assert!(desc.chars().count() >= 120, "{desc}");
    let body = desc.strip_suffix('…').expect("marked as cut");
    let flat = long.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.starts_with(body), "{body}");
    // At a word: the cut text ends where a word ends.
    assert!(flat[body.len()..].starts_with([' ', '.']), "{body}");
    assert_eq!(h.meta("og:description"), Some(desc));
}

#[test]
fn a_product_without_a_description_is_described_by_its_name_and_price() {
    let mut p = product();
    p.short_description = Some("   ".into());
    let h = parse_head(&product_head(&p, &[], URL));
    let desc = h.meta("description").unwrap();
    assert!(desc.contains("Котёл газовый Navien 24 кВт"), "{desc}");
    assert!(desc.contains("45\u{a0}990,50\u{a0}₽"), "{desc}");
}

#[test]
fn hostile_backend_text_stays_text_in_every_output() {
    let mut p = product();
    p.name = HOSTILE.into();
    p.short_description = Some(HOSTILE.into());
    p.category_name = Some(HOSTILE.into());
    p.images[1].alt = HOSTILE.into();
    let hostile_crumbs = vec![Crumb {
        name: HOSTILE.into(),
        url: format!("{URL}?q=\"><script>alert(1)</script>&x=1"),
    }];
    let raw = product_head(&p, &hostile_crumbs, URL);
    // One script element, opened and closed once: the name did not close it.
    assert_eq!(raw.matches("<script").count(), 1, "{raw}");
    assert_eq!(raw.matches("</script").count(), 1, "{raw}");
    assert!(!raw.contains("<!--"), "{raw}");
    let h = parse_head(&raw);
    assert_eq!(h.title, format!("{HOSTILE} — Витрина"));
    assert_eq!(h.meta("og:title"), Some(HOSTILE));
    assert_eq!(h.meta("og:image:alt"), Some(HOSTILE));
    let product = h.node("Product").unwrap();
    assert_eq!(product["name"], HOSTILE);
    assert_eq!(product["category"], HOSTILE);
    check_breadcrumbs(&h.node("BreadcrumbList").unwrap(), &hostile_crumbs);

    let raw = listing_head(HOSTILE, HOSTILE, URL, &hostile_crumbs);
    assert_eq!(raw.matches("<script").count(), 1, "{raw}");
    let h = parse_head(&raw);
    assert_eq!(h.title, format!("{HOSTILE} — Витрина"));
    assert_eq!(h.meta("description"), Some(HOSTILE));

    let map = sitemap(&[(format!("{URL}?a=1&b=<2>\"'"), None)]);
    let xml = roxmltree::Document::parse(&map).expect("sitemap is XML");
    let loc = xml.descendants().find(|n| n.has_tag_name("loc")).unwrap();
    assert_eq!(loc.text(), Some(format!("{URL}?a=1&b=<2>\"'").as_str()));

    // A newline in the sitemap URL cannot add a rule.
    let txt = robots("https://shop.example/sitemap.xml\nDisallow: /", "");
    assert!(!txt.lines().any(|l| l.trim() == "Disallow: /"), "{txt}");
}

#[test]
fn a_listing_head_is_a_website_with_breadcrumbs_when_it_has_them() {
    let url = "https://shop.example/categories";
    let h = parse_head(&listing_head(
        "Все категории",
        "Все разделы каталога",
        url,
        &crumbs()[..1],
    ));
    assert_eq!(h.title, "Все категории — Витрина");
    assert_eq!(h.meta("description"), Some("Все разделы каталога"));
    assert_eq!(h.canonical.as_deref(), Some(url));
    assert_eq!(h.meta("og:type"), Some("website"));
    assert_eq!(h.meta("og:title"), Some("Все категории"));
    assert_eq!(h.meta("og:url"), Some(url));
    assert_eq!(h.meta("og:site_name"), Some("Витрина"));
    assert_eq!(h.meta("og:locale"), Some("ru_RU"));
    assert_eq!(h.meta("twitter:card"), Some("summary"));
    check_breadcrumbs(&h.node("BreadcrumbList").unwrap(), &crumbs()[..1]);

    // Home sets no title of its own: the tab reads «Витрина», and nothing above it.
    let h = parse_head(&listing_head(
        "",
        "Товары для дома",
        "https://shop.example/",
        &[],
    ));
    assert_eq!(h.title, "Витрина");
    assert_eq!(h.meta("og:title"), Some("Витрина"));
    assert!(h.scripts.is_empty());
}

#[test]
fn the_sitemap_lists_every_url_with_its_day() {
    let urls = vec![
        ("https://shop.example/".to_string(), None),
        (
            "https://shop.example/product/p-1".to_string(),
            Some("2026-11-30".to_string()),
        ),
        (
            "https://shop.example/product/p-2".to_string(),
            Some("2026-12-01T09:30:00Z".to_string()),
        ),
        (
            "https://shop.example/product/p-3".to_string(),
            Some("вчера".to_string()),
        ),
    ];
    let text = sitemap(&urls);
    let xml = roxmltree::Document::parse(&text).expect("sitemap is XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let got: Vec<(String, Option<String>)> = root
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|u| {
            let child = |name: &str| {
                u.children()
                    .find(|n| n.has_tag_name(name))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            (child("loc").unwrap(), child("lastmod"))
        })
        .collect();
    let want: Vec<(String, Option<String>)> = vec![
        ("https://shop.example/".into(), None),
        (
            "https://shop.example/product/p-1".into(),
            Some("2026-11-30".into()),
        ),
        (
            "https://shop.example/product/p-2".into(),
            Some("2026-12-01".into()),
        ),
        ("https://shop.example/product/p-3".into(), None),
    ];
    assert_eq!(got, want);
}

/// Whether robots.txt's rules keep a crawler off `path` (a Disallow is a path prefix).
fn disallowed(txt: &str, path: &str) -> bool {
    txt.lines()
        .filter_map(|l| l.strip_prefix("Disallow:"))
        .map(str::trim)
        .any(|rule| !rule.is_empty() && path.starts_with(rule))
}

#[test]
fn robots_keeps_crawlers_off_every_private_page_of_the_route_table() {
    for base in ["", "/shop"] {
        for given in [base.to_string(), format!("{base}/")] {
            let txt = robots("https://shop.example/sitemap.xml", &given);
            assert!(txt.starts_with("User-agent: *\n"), "{txt}");
            assert!(
                txt.lines()
                    .any(|l| l == "Sitemap: https://shop.example/sitemap.xml"),
                "{txt}"
            );
            for def in PAGES {
                let path = format!("{base}{}", def.page.path_with("x-1"));
                // Private: a signed-in shopper's, or a visitor's own (cart, favorites, sign-in).
                let private =
                    def.sign_in || matches!(def.page, Page::Cart | Page::Favorites | Page::SignIn);
                assert_eq!(
                    disallowed(&txt, &path),
                    private,
                    "{path} with base {given:?}:\n{txt}"
                );
            }
        }
    }
}
