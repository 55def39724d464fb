//! The deploy-time prerender (issue 23):
//! `prerender --dist DIR [--config DIR/config.json] [--origin https://shop.example] [--fresh]`.
//!
//! Walks the commerce API named in `config.json` (and the partner API's selections for the
//! front page's rows) and writes every public page the shop has
//! as HTML, drawn natively by the app's own views: `home/index.html` (served for `/`: the
//! trunk `index.html` stays the SPA shell for every other path), `catalog/index.html`,
//! `categories/index.html`, `category/<id>/index.html`, `product/<id>/index.html`, plus
//! `sitemap.xml` and `robots.txt`. Keeps to the API's rate limit; a run cut short continues
//! (`--fresh` starts over); unchanged files are not rewritten; gone products are removed.

use std::path::PathBuf;
use std::time::Instant;
use vitrina::config::Config;
use vitrina::domain::seo;
use vitrina::prerender::{fetch, site, write};
use vitrina::state::seed::Seed;

struct Args {
    dist: PathBuf,
    config: PathBuf,
    origin: String,
    fresh: bool,
}

fn args() -> Result<Args, String> {
    let (mut dist, mut config, mut origin, mut fresh) = (None, None, None, false);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--dist" => dist = Some(PathBuf::from(value()?)),
            "--config" => config = Some(PathBuf::from(value()?)),
            "--origin" => origin = Some(value()?),
            "--fresh" => fresh = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let dist = dist.ok_or("--dist DIR is required")?;
    Ok(Args {
        config: config.unwrap_or_else(|| dist.join("config.json")),
        dist,
        origin: origin
            .unwrap_or_else(|| "http://127.0.0.1:8080".into())
            .trim_end_matches('/')
            .to_string(),
        fresh,
    })
}

/// `DIR/<path>/index.html` for an app path; home is `home/index.html`. Ids that could leave
/// the directory or are not plain are not written.
fn file_of(path: &str) -> Option<String> {
    let rel = path.trim_matches('/');
    if rel.is_empty() {
        return Some("home/index.html".into());
    }
    let plain = rel.split('/').all(|seg| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    });
    plain.then(|| format!("{rel}/index.html"))
}

/// Prints "pages done of total, time left" on stderr, at most once a second.
struct Progress {
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    fn tell(&mut self, what: &str, done: u64, total: u64) {
        let now = Instant::now();
        if self
            .last
            .is_some_and(|l| now.duration_since(l).as_secs_f64() < 1.0)
            && done < total
        {
            return;
        }
        self.last = Some(now);
        let spent = now.duration_since(self.start).as_secs_f64();
        let left = if done > 0 {
            spent / done as f64 * total.saturating_sub(done) as f64
        } else {
            0.0
        };
        eprintln!("prerender: {what} {done}/{total}, ~{left:.0} s left");
    }
}

fn run(a: Args) -> Result<(), String> {
    let text =
        std::fs::read_to_string(&a.config).map_err(|e| format!("{}: {e}", a.config.display()))?;
    let config = Config::parse(&text).map_err(|e| e.to_string())?;
    let shell = std::fs::read_to_string(a.dist.join("index.html"))
        .map_err(|e| format!("{}/index.html: {e}", a.dist.display()))?;
    let template = write::Template::parse(&shell)?;
    // A sub-path deployment (trunk's `--public-url /shop/`): the pages' links carry the base,
    // as the app's do, and so do their public URLs (`--origin` may name it or not).
    let base = template
        .base_href()
        .map(|h| vitrina::routes::normalize_base(&h))
        .unwrap_or_default();
    vitrina::routes::set_base(&base);
    let mut a = a;
    if !base.is_empty() && !a.origin.ends_with(&base) {
        a.origin.push_str(&base);
    }
    if a.fresh {
        site::finish(&a.dist);
    }
    let started = Instant::now();
    let mut api = fetch::Api::new(&config.commerce);
    let mut walk_progress = Progress {
        start: started,
        last: None,
    };
    let site = site::walk(&mut api, &a.dist, &mut |d, t| {
        walk_progress.tell("listing pages", d.into(), t.into())
    })?;
    // The front page's rows: a few partner requests a run, never one a product.
    let mut partner_api = fetch::Api::new(&config.partner);
    let rows = site::rows(&mut partner_api, &site.products);
    let walked = started.elapsed();

    let base_path = a
        .origin
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".into());
    let url = |path: &str| format!("{}{}", a.origin, path);
    let home = seo::Crumb {
        name: "Главная".into(),
        url: url("/"),
    };
    let catalog_crumb = seo::Crumb {
        name: "Каталог".into(),
        url: url("/catalog"),
    };
    let seed = |listing, category| Seed {
        listing,
        categories: Some(site.tree.clone()),
        category,
        ..Seed::default()
    };
    let home_seed = Seed {
        rows,
        ..seed(None, None)
    };
    // (path, seed, SEO head, lastmod)
    let mut pages: Vec<(String, Seed, String, Option<String>)> = vec![
        (
            "/".into(),
            home_seed,
            // The home page sets no title of its own: the tab says «Витрина», as the app's.
            seo::listing_head(
                "",
                "Интернет-магазин товаров для дома, отопления и ремонта.",
                &url("/"),
                &[],
            ),
            None,
        ),
        (
            "/catalog".into(),
            seed(Some(site.catalog.clone()), None),
            seo::listing_head(
                "Каталог товаров",
                "Все товары магазина.",
                &url("/catalog"),
                std::slice::from_ref(&home),
            ),
            None,
        ),
        (
            "/categories".into(),
            seed(None, None),
            seo::listing_head(
                "Категории",
                "Категории товаров магазина.",
                &url("/categories"),
                std::slice::from_ref(&home),
            ),
            None,
        ),
    ];
    for c in &site.categories {
        let path = format!("/category/{}", c.info.id);
        let mut crumbs = vec![home.clone(), catalog_crumb.clone()];
        crumbs.extend(c.info.breadcrumb.iter().map(|b| seo::Crumb {
            name: b.name.clone(),
            url: url(&format!("/category/{}", b.id)),
        }));
        let description = c
            .info
            .description
            .clone()
            .unwrap_or_else(|| c.info.name.clone());
        let head = seo::listing_head(&c.info.name, &description, &url(&path), &crumbs);
        pages.push((
            path,
            seed(Some(c.first_page.clone()), Some(c.info.clone())),
            head,
            None,
        ));
    }
    for p in &site.products {
        let path = format!("/product/{}", p.detail.summary.id);
        let mut crumbs = vec![home.clone(), catalog_crumb.clone()];
        crumbs.extend(p.detail.breadcrumb.iter().map(|b| seo::Crumb {
            name: b.name.clone(),
            url: url(&format!("/category/{}", b.id)),
        }));
        // The card's own description when it has none of its short one, as the page shows it.
        let mut card = p.detail.summary.clone();
        if card.short_description.is_none() && !p.detail.description.trim().is_empty() {
            card.short_description = Some(p.detail.description.clone());
        }
        let head = seo::product_head(&card, &crumbs, &url(&path));
        let mut s = seed(None, None);
        s.product = Some(p.detail.clone());
        pages.push((path, s, head, p.lastmod.clone()));
    }

    let render_start = Instant::now();
    let mut progress = Progress {
        start: render_start,
        last: None,
    };
    let mut tally = write::Tally::default();
    let mut sitemap = Vec::new();
    let total = pages.len() as u64;
    for (i, (path, seed, seo_head, lastmod)) in pages.into_iter().enumerate() {
        let Some(file) = file_of(&path) else {
            eprintln!("prerender: {path}: not a plain path, left out");
            continue;
        };
        let page = vitrina::prerender::page(config.clone(), &path, seed);
        // One title: the SEO head's (the same text as the app's `<Title>`) replaces leptos_meta's.
        let own = match (seo_head.contains("<title"), page.head.find("<title")) {
            (true, Some(a)) => match page.head[a..].find("</title>") {
                Some(b) => format!("{}{}", &page.head[..a], &page.head[a + b + 8..]),
                None => page.head.clone(),
            },
            _ => page.head.clone(),
        };
        let doc = template.document(&path, &format!("{own}{seo_head}"), &page.body);
        tally
            .put(&a.dist, &file, doc.as_bytes())
            .map_err(|e| format!("{file}: {e}"))?;
        sitemap.push((url(&path), lastmod));
        progress.tell("pages", i as u64 + 1, total);
    }
    let sitemap_url = url("/sitemap.xml");
    let io = |e: std::io::Error| e.to_string();
    tally
        .put(&a.dist, "sitemap.xml", seo::sitemap(&sitemap).as_bytes())
        .map_err(io)?;
    tally
        .put(
            &a.dist,
            "robots.txt",
            seo::robots(&sitemap_url, &base_path).as_bytes(),
        )
        .map_err(io)?;
    tally.sweep(&a.dist).map_err(io)?;
    site::finish(&a.dist);

    let render = render_start.elapsed().as_secs_f64();
    println!(
        "prerender: {total} pages ({} products) in {:.1} s: walk {:.1} s ({} requests, {:.1} s waiting for the rate limit), render {render:.1} s ({:.2} ms a page); files written {}, unchanged {}, removed {}",
        site.products.len(),
        started.elapsed().as_secs_f64(),
        walked.as_secs_f64(),
        api.requests + partner_api.requests,
        api.waited + partner_api.waited,
        render * 1000.0 / total.max(1) as f64,
        tally.written,
        tally.unchanged,
        tally.removed,
    );
    Ok(())
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("prerender: {e}\nusage: prerender --dist DIR [--config FILE] [--origin URL] [--fresh]");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(a) {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}
