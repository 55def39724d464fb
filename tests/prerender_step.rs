//! The deploy-time prerender step (issue 23) against the stub API: the pages it writes,
//! what a second run leaves alone, what a smaller shop removes, and the rate limit.
//! `cargo test --features prerender --test prerender_step` (builds `stub-api` if missing).
#![cfg(feature = "prerender")]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::SystemTime;
use vitrina::api::commerce::{self, catalog};
use vitrina::api::RawResponse;
use vitrina::domain::catalog::ProductSummary;

/// The stub API as a child process on a free port; killed when dropped.
struct Stub {
    child: Child,
    port: u16,
}

impl Drop for Stub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stub_binary() -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_prerender"))
        .parent()
        .unwrap()
        .to_path_buf();
    let bin = dir.join("stub-api");
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let ok = Command::new(cargo)
            .args(["build", "-p", "stub-api", "--bin", "stub-api"])
            .status()
            .expect("cargo build -p stub-api");
        assert!(ok.success(), "stub-api did not build");
    }
    bin
}

fn stub(products: usize) -> Stub {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(stub_binary())
        .args([
            "--port",
            &port.to_string(),
            "--products",
            &products.to_string(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("stub-api starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("listening"), "stub-api: {line}");
    Stub { child, port }
}

impl Stub {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn post(&self, path: &str, body: &str) {
        let r = reqwest::blocking::Client::new()
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
    }

    /// The first `n` cards of the listing, as the shop shows them.
    fn cards(&self, n: usize) -> Vec<ProductSummary> {
        let mut out = Vec::new();
        for page in 1..=n.div_ceil(100) {
            let path = format!("/commerce/api/v1/products?page={page}&pageSize=100");
            let resp = reqwest::blocking::get(self.url(&path)).unwrap();
            let raw = RawResponse {
                status: resp.status().as_u16(),
                headers: vec![],
                body: resp.text().unwrap(),
            };
            let env = commerce::decode::<catalog::ProductsDto>(&raw, 0).unwrap();
            out.extend(catalog::products_page(env).unwrap().items);
        }
        out.truncate(n);
        out
    }
}

/// A dist directory: trunk's page shell and the deployment's config.json.
fn dist(stub: &Stub) -> tempdir::Dir {
    let d = tempdir::Dir::new();
    std::fs::copy("index.html", d.0.join("index.html")).unwrap();
    let base = stub.url("");
    let config = format!(
        r#"{{"commerce":"{base}/commerce/api/v1","delivery":"{base}/delivery/v1","courier":"{base}/courier","partner":"{base}/partner"}}"#
    );
    std::fs::write(d.0.join("config.json"), config).unwrap();
    d
}

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let p = std::env::temp_dir().join(format!("prerender-step-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Runs the step; its stdout and stderr.
fn prerender(dir: &Path) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .args([
            "--dist",
            dir.to_str().unwrap(),
            "--origin",
            "https://shop.example",
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert!(
        out.status.success(),
        "prerender failed:\n{stdout}\n{stderr}"
    );
    (stdout, stderr)
}

/// Every file under `dir` with its modification time.
fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                todo.push(e.path());
            } else {
                out.insert(e.path(), e.metadata().unwrap().modified().unwrap());
            }
        }
    }
    out
}

fn product_file(dir: &Path, id: &str) -> PathBuf {
    dir.join("product").join(id).join("index.html")
}

#[test]
fn every_product_gets_its_page_with_name_and_price_and_a_second_run_rewrites_nothing() {
    let api = stub(150);
    // Two runs outrun the catalog limit (200 a minute): a short window keeps the test short.
    api.post("/__control/rate-window", r#"{"bucket":"catalog","secs":3}"#);
    let d = dist(&api);
    prerender(&d.0);

    // The home page's tab title is the app's: «Витрина», not «Витрина — Витрина».
    let home = std::fs::read_to_string(d.0.join("home/index.html")).unwrap();
    assert_eq!(home.matches("<title>").count(), 1, "{home}");
    assert!(home.contains("<title>Витрина</title>"), "{home}");
    // «Вы смотрели» is the device's own (issue 25): never in a page drawn for everyone.
    assert!(!home.contains("Вы смотрели"), "{home}");

    let cards = api.cards(100);
    for p in cards.iter().take(10) {
        let html = std::fs::read_to_string(product_file(&d.0, &p.id)).unwrap();
        assert!(html.contains(&p.name), "{} has no name {}", p.id, p.name);
        assert!(
            !html.contains("Вы смотрели"),
            "{} has a «Вы смотрели» row",
            p.id
        );
        assert!(
            html.contains(&p.price.to_string()),
            "{} has no price {}",
            p.id,
            p.price
        );
        // The page says which path it was drawn for (public/early.js checks it).
        let wrapper = format!("<div id=\"prerendered\" data-path=\"/product/{}\">", p.id);
        assert!(html.contains(&wrapper), "{html}");
        assert!(
            html.contains("target/vitrina.css"),
            "the template's links stay"
        );
    }
    let products = std::fs::read_dir(d.0.join("product")).unwrap().count();
    assert_eq!(products, 150);
    for page in ["home", "catalog", "categories"] {
        assert!(d.0.join(page).join("index.html").exists(), "{page}");
    }
    let shell = std::fs::read_to_string(d.0.join("index.html")).unwrap();
    assert_eq!(
        shell,
        std::fs::read_to_string("index.html").unwrap(),
        "the shell is untouched"
    );
    let sitemap = std::fs::read_to_string(d.0.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("https://shop.example/product/{}", cards[0].id)));
    assert!(
        sitemap.contains("<lastmod>"),
        "the listing's dates: {sitemap:.400}"
    );
    let robots = std::fs::read_to_string(d.0.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://shop.example/sitemap.xml"),
        "{robots}"
    );

    let before = mtimes(&d.0);
    prerender(&d.0);
    let after = mtimes(&d.0);
    let changed: Vec<_> = after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(t) && !f.ends_with(".prerender-manifest.json"))
        .map(|(f, _)| f.display().to_string())
        .collect();
    assert!(
        changed.is_empty(),
        "rewritten on the second run: {changed:?}"
    );
}

#[test]
fn products_gone_from_the_shop_lose_their_files_and_sitemap_lines() {
    let api = stub(130);
    let d = dist(&api);
    prerender(&d.0);
    let all = api.cards(130);
    drop(api);

    let api = stub(100);
    std::fs::write(
        d.0.join("config.json"),
        std::fs::read_to_string(d.0.join("config.json"))
            .unwrap()
            .replace(&all_port(&d.0), &api.port.to_string()),
    )
    .unwrap();
    prerender(&d.0);
    let kept: Vec<String> = api.cards(100).into_iter().map(|p| p.id).collect();
    let gone: Vec<&ProductSummary> = all.iter().filter(|p| !kept.contains(&p.id)).collect();
    assert_eq!(gone.len(), 30);
    let sitemap = std::fs::read_to_string(d.0.join("sitemap.xml")).unwrap();
    for p in gone {
        assert!(
            !product_file(&d.0, &p.id).exists(),
            "{} still has a page",
            p.id
        );
        assert!(!sitemap.contains(&p.id), "{} still in the sitemap", p.id);
    }
    for id in &kept {
        assert!(product_file(&d.0, id).exists(), "{id} lost its page");
    }
    assert_eq!(std::fs::read_dir(d.0.join("product")).unwrap().count(), 100);
}

/// The port in a dist's config.json.
fn all_port(dir: &Path) -> String {
    let c = std::fs::read_to_string(dir.join("config.json")).unwrap();
    let at = c.find("127.0.0.1:").unwrap() + "127.0.0.1:".len();
    c[at..].chars().take_while(char::is_ascii_digit).collect()
}

#[test]
fn a_429_is_waited_out_and_the_pages_are_all_written() {
    let api = stub(120);
    // The next two listing requests are refused with 429 and Retry-After: 2.
    api.post(
        "/__control/faults",
        r#"{"method":"GET","path":"/commerce/api/v1/products","count":2,"status":429,"headers":{"Retry-After":"2"}}"#,
    );
    let d = dist(&api);
    let started = std::time::Instant::now();
    let (_, stderr) = prerender(&d.0);
    assert_eq!(stderr.matches("HTTP 429").count(), 2, "{stderr}");
    // Each wait runs to a whole second of the clock (the limit headers count in seconds), so
    // two waits of «2 s» last at least 2 s together, whatever the second they began in.
    assert!(
        started.elapsed().as_secs_f64() >= 2.0,
        "the two Retry-After waits were kept"
    );
    assert_eq!(std::fs::read_dir(d.0.join("product")).unwrap().count(), 120);
}

#[test]
fn a_used_up_window_is_waited_for_not_exceeded() {
    let api = stub(120);
    // The catalog limit (200 a window) over 4 s: two runs (~250 requests) outrun it.
    api.post("/__control/rate-window", r#"{"bucket":"catalog","secs":4}"#);
    let d = dist(&api);
    prerender(&d.0);
    let (stdout, stderr) = prerender(&d.0);
    assert!(
        !stderr.contains("HTTP 429"),
        "the limit was exceeded:\n{stderr}"
    );
    assert!(
        !stdout.contains(" 0.0 s waiting"),
        "no wait for the window: {stdout}"
    );
    assert_eq!(std::fs::read_dir(d.0.join("product")).unwrap().count(), 120);
}

#[test]
fn a_product_is_described_to_search_engines_in_its_own_words() {
    // The listing's cards carry `description` and often no `shortDescription`: the meta
    // description and the previews read the former, not «name — price».
    let api = stub(5);
    let d = dist(&api);
    prerender(&d.0);
    let body = reqwest::blocking::get(api.url("/commerce/api/v1/products?page=1&pageSize=1"))
        .unwrap()
        .text()
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let p = &list["data"]["products"][0];
    let (id, words) = (
        p["id"].as_str().unwrap(),
        p["description"].as_str().unwrap(),
    );
    let start: String = words.chars().take(30).collect();
    let html = std::fs::read_to_string(product_file(&d.0, id)).unwrap();
    for tag in ["name=\"description\"", "property=\"og:description\""] {
        assert!(
            html.contains(&format!("<meta {tag} content=\"{start}")),
            "{tag} is not the product's description «{start}…»: {html}"
        );
    }
}

#[test]
fn a_sub_path_deployment_gets_links_and_urls_under_its_base() {
    let api = stub(30);
    let d = dist(&api);
    // trunk's `--public-url /shop/` writes the base into the page shell.
    let shell = std::fs::read_to_string("index.html")
        .unwrap()
        .replace("<base data-trunk-public-url />", "<base href=\"/shop/\" />");
    assert!(
        shell.contains("href=\"/shop/\""),
        "index.html has no base tag"
    );
    std::fs::write(d.0.join("index.html"), shell).unwrap();
    prerender(&d.0);

    let p = &api.cards(1)[0];
    // The file stays at the dist's own path (the host maps /shop/ to the dist).
    let html = std::fs::read_to_string(product_file(&d.0, &p.id)).unwrap();
    assert!(html.contains(&p.name), "the product page is drawn: {html}");
    // Every in-app link carries the base, as the app's own links do.
    let body = &html[html.find("id=\"prerendered\"").unwrap()..];
    let links: Vec<&str> = body
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .filter(|h| h.starts_with('/'))
        .collect();
    assert!(!links.is_empty(), "no links: {body}");
    for l in &links {
        assert!(
            l.starts_with("/shop/") || *l == "/shop",
            "a link off the base: {l}"
        );
    }
    // early.js compares data-path with the URL without the base.
    assert!(
        html.contains(&format!("data-path=\"/product/{}\"", p.id)),
        "data-path"
    );
    let canonical = format!("https://shop.example/shop/product/{}", p.id);
    assert!(
        html.contains(&format!("href=\"{canonical}\"")),
        "canonical {canonical}"
    );
    let sitemap = std::fs::read_to_string(d.0.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(&format!("<loc>{canonical}</loc>")),
        "{sitemap}"
    );
    let robots = std::fs::read_to_string(d.0.join("robots.txt")).unwrap();
    assert!(robots.contains("Disallow: /shop/cart"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://shop.example/shop/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn an_interrupted_run_is_resumed_within_the_hour_and_walked_afresh_after() {
    let api = stub(30);
    // Two runs outrun the catalog limit (200 a minute): a short window keeps the test short.
    api.post("/__control/rate-window", r#"{"bucket":"catalog","secs":3}"#);
    let d = dist(&api);
    let first = &api.cards(1)[0];
    // What an interrupted run left: the first listing page's answer, with a name the shop
    // no longer has, and when that run began.
    let answer = reqwest::blocking::get(api.url("/commerce/api/v1/products?page=1&pageSize=100"))
        .unwrap()
        .text()
        .unwrap()
        .replacen(&first.name, "Имя из прерванного прогона", 1);
    let left_at = |secs_ago: u64| {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        std::fs::create_dir_all(d.0.join(".prerender-cache")).unwrap();
        std::fs::write(d.0.join(".prerender-cache/products-1.json"), &answer).unwrap();
        std::fs::write(
            d.0.join(".prerender-state.json"),
            format!(
                r#"{{"total_pages":1,"fetched":[1],"started":{}}}"#,
                now - secs_ago
            ),
        )
        .unwrap();
    };
    let name_on_page = || {
        let html = std::fs::read_to_string(product_file(&d.0, &first.id)).unwrap();
        html.contains("Имя из прерванного прогона")
    };
    // A minute old: resumed from what it fetched.
    left_at(60);
    let (_, stderr) = prerender(&d.0);
    assert!(stderr.contains("resuming"), "{stderr}");
    assert!(name_on_page(), "a fresh interrupted run is resumed");
    // Two hours old: its answers are stale, the listing is fetched again.
    left_at(2 * 3600);
    let (_, stderr) = prerender(&d.0);
    assert!(stderr.contains("too old to resume"), "{stderr}");
    assert!(!name_on_page(), "the stale name stays on the page");
    assert!(
        !d.0.join(".prerender-state.json").exists(),
        "a whole run leaves no state"
    );
}

/// Text as the rendered HTML writes it.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn commerce_json(api: &Stub, path: &str) -> serde_json::Value {
    let body = reqwest::blocking::get(api.url(&format!("/commerce/api/v1{path}")))
        .unwrap()
        .text()
        .unwrap();
    serde_json::from_str(&body).unwrap()
}

fn partner_json(api: &Stub, path: &str, body: &str) -> serde_json::Value {
    let text = reqwest::blocking::Client::new()
        .post(api.url(&format!("/partner{path}")))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .unwrap()
        .text()
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn category_pages_and_the_category_map_are_drawn_with_their_data_not_skeletons() {
    let api = stub(60);
    let d = dist(&api);
    prerender(&d.0);
    let tree = commerce_json(&api, "/categories?includeProducts=true");
    let roots: Vec<&serde_json::Value> = tree["data"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["isActive"].as_bool() != Some(false))
        .collect();
    assert!(roots.len() > 1, "{tree}");

    let map = std::fs::read_to_string(d.0.join("categories/index.html")).unwrap();
    for r in &roots {
        let name = esc(r["name"].as_str().unwrap());
        assert!(
            map.contains(&format!(">{name}</a></h2>")),
            "/categories has no root «{name}»: {map}"
        );
    }

    // The first root: its name as the page's h1, its subcategories, its first card, the nav.
    let id = roots[0]["id"].as_str().unwrap();
    let info = &commerce_json(&api, &format!("/categories/{id}?page=1&pageSize=1"))["data"];
    let name = esc(info["name"].as_str().unwrap());
    let page = std::fs::read_to_string(d.0.join(format!("category/{id}/index.html"))).unwrap();
    assert!(
        page.contains(&format!("<h1 class=\"page-title\">{name}</h1>")),
        "category {id} has no h1 «{name}»: {page}"
    );
    let q = vitrina::domain::catalog::CatalogQuery {
        category_id: Some(id.to_string()),
        ..vitrina::domain::catalog::CatalogQuery::from_pairs([])
    };
    let listing = commerce_json(&api, &catalog::products_path(&q));
    let first = esc(listing["data"]["products"][0]["name"].as_str().unwrap());
    assert!(page.contains(&first), "category {id} has no card «{first}»");
    let children = info["children"].as_array().cloned().unwrap_or_default();
    assert!(!children.is_empty(), "{info}");
    for c in &children {
        let sub = esc(c["name"].as_str().unwrap());
        assert!(
            page.contains("class=\"subcategory\"") && page.contains(&sub),
            "category {id} lists no subcategory «{sub}»"
        );
    }
    let other = esc(roots[1]["name"].as_str().unwrap());
    assert!(
        page.contains(&format!("<span class=\"cat-nav__name\">{other}</span>")),
        "category {id}'s navigation has no «{other}»"
    );
    assert!(!page.contains("category-head--loading"), "a skeleton head");
}

#[test]
fn the_home_page_is_drawn_with_its_product_rows() {
    let api = stub(60);
    let d = dist(&api);
    let (stdout, _) = prerender(&d.0);
    let home = std::fs::read_to_string(d.0.join("home/index.html")).unwrap();
    let selections = partner_json(&api, "/product-selections", r#"{"limit":20,"offset":0}"#);
    let cards = api.cards(60);
    for s in selections["data"].as_array().unwrap() {
        let title = esc(s["title"].as_str().unwrap());
        let path = format!("/product-selections/{}/products", s["id"].as_str().unwrap());
        let listed = partner_json(&api, &path, r#"{"limit":8,"offset":0}"#);
        let Some(first) = listed["data"].as_array().and_then(|l| l.first()) else {
            continue;
        };
        let pid = first["id"].as_str().unwrap();
        let card = cards.iter().find(|c| c.id == pid).unwrap();
        assert!(
            home.contains(&format!(">{title}</h2>")),
            "home has no row «{title}»: {home}"
        );
        assert!(
            home.contains(&esc(&card.name)),
            "row «{title}» has no card «{}»",
            card.name
        );
    }
    assert!(!home.contains("card--skeleton"), "a skeleton row: {home}");
    assert!(stdout.contains("requests"), "{stdout}");
}

#[test]
fn a_partner_api_that_refuses_leaves_the_rows_to_the_app_and_every_page_is_written() {
    let api = stub(30);
    api.post(
        "/__control/faults",
        r#"{"method":"POST","path":"/partner/product-selections","exact":true,"status":403}"#,
    );
    let d = dist(&api);
    let (_, stderr) = prerender(&d.0);
    assert!(stderr.contains("rows left to the app"), "{stderr}");
    let home = std::fs::read_to_string(d.0.join("home/index.html")).unwrap();
    // The categories are drawn; the rows' place is held for the app, which loads them.
    assert!(home.contains("category-tile__name"), "{home}");
    assert!(home.contains("card--skeleton"), "{home}");
    assert_eq!(std::fs::read_dir(d.0.join("product")).unwrap().count(), 30);
}

/// The `content` of `<meta property="{prop}" …>`, unescaped.
fn meta(html: &str, prop: &str) -> Option<String> {
    let at = html.find(&format!("<meta property=\"{prop}\" content=\""))?;
    let rest = &html[at..];
    let value = &rest[rest.find("content=\"")? + 9..];
    let value = &value[..value.find('"')?];
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[test]
fn every_product_page_has_og_title_og_image_and_an_offer_at_the_apis_price() {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let api = stub(150);
    let d = dist(&api);
    prerender(&d.0);
    let mut seen = 0;
    for page in 1..=2 {
        // The API's own words, not the app's decoder.
        let body: serde_json::Value = reqwest::blocking::get(api.url(&format!(
            "/commerce/api/v1/products?page={page}&pageSize=100"
        )))
        .unwrap()
        .text()
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap();
        for p in body["data"]["products"].as_array().unwrap() {
            let id = p["id"].as_str().unwrap();
            let html = std::fs::read_to_string(product_file(&d.0, id)).unwrap();
            assert_eq!(
                meta(&html, "og:title").as_deref(),
                p["name"].as_str().map(str::trim),
                "{id}: og:title"
            );
            let images = p["images"].as_array().unwrap();
            let cover = images
                .iter()
                .find(|i| i["isPrimary"] == true)
                .or(images.first())
                .unwrap();
            assert_eq!(
                meta(&html, "og:image").as_deref(),
                cover["url"].as_str(),
                "{id}: og:image"
            );
            let at = html.find("<script type=\"application/ld+json\">").unwrap();
            let json = &html[at + 35..];
            let json = &json[..json.find("</script>").unwrap()];
            let blocks: serde_json::Value = serde_json::from_str(json).unwrap();
            let product = blocks
                .as_array()
                .unwrap()
                .iter()
                .find(|b| b["@type"] == "Product")
                .unwrap_or_else(|| panic!("{id}: no Product block"));
            let offer = &product["offers"];
            assert_eq!(offer["@type"], "Offer", "{id}");
            assert_eq!(offer["priceCurrency"], "RUB", "{id}");
            let shown = Decimal::from_str(offer["price"].as_str().unwrap()).unwrap();
            let api_price = Decimal::from_str(&p["price"].to_string()).unwrap();
            assert_eq!(shown, api_price, "{id}: the Offer's price");
            seen += 1;
        }
    }
    assert_eq!(seen, 150, "every product of the shop");
}
