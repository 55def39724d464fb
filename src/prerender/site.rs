//! The walk: what the shop sells, read from the commerce API with as few requests as the
//! pages need — the category tree, each category's frame and first page, the catalog's
//! first page, and every product from the listing, 100 a request (no product's detail: a
//! page's seed is made from its listing card). Listing pages fetched are kept in DIR, so a
//! run cut short continues where it stopped. The front page's rows add the partner API's
//! selections: one request for the list and one a selection, their cards taken from the
//! listing already read.

use super::fetch::Api;
use crate::api::commerce::{self, catalog};
use crate::api::partner::{self, Selection};
use crate::domain::catalog::{
    CatalogQuery, CategoryInfo, CategoryNode, Crumb, Page, ProductDetail, ProductSummary,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub const STATE_FILE: &str = ".prerender-state.json";
const CACHE_DIR: &str = ".prerender-cache";
const PAGE_SIZE: u32 = 100;

/// One product, as its listing card tells it.
pub struct Product {
    pub detail: ProductDetail,
    /// `updatedAt`, else `createdAt` (ISO 8601), for the sitemap.
    pub lastmod: Option<String>,
}

pub struct Category {
    pub info: CategoryInfo,
    pub first_page: Page<ProductSummary>,
}

pub struct Site {
    pub tree: Vec<CategoryNode>,
    pub categories: Vec<Category>,
    pub catalog: Page<ProductSummary>,
    pub products: Vec<Product>,
}

fn decode<T: serde::de::DeserializeOwned>(
    raw: &crate::api::RawResponse,
    what: &str,
) -> Result<commerce::Envelope<T>, String> {
    commerce::decode::<T>(raw, 0).map_err(|e| format!("{what}: {e} (HTTP {})", raw.status))
}

/// Every category of the tree with its chain from the root, root first.
pub fn flatten(tree: &[CategoryNode], above: &[Crumb], out: &mut Vec<(String, Vec<Crumb>)>) {
    for node in tree {
        let mut chain = above.to_vec();
        chain.push(Crumb {
            id: node.id.clone(),
            name: node.name.clone(),
        });
        out.push((node.id.clone(), chain.clone()));
        flatten(&node.children, &chain, out);
    }
}

/// Reads the whole shop; `progress` hears (listing pages fetched, of how many).
pub fn walk(
    api: &mut Api,
    dist: &Path,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<Site, String> {
    let raw = api.get("/categories?includeProducts=true")?;
    let env = decode::<catalog::CategoriesDto>(&raw, "categories")?;
    let tree: Vec<CategoryNode> = catalog::tree(env.data);
    let mut flat = Vec::new();
    flatten(&tree, &[], &mut flat);

    let first_page = |api: &mut Api, q: &CatalogQuery, what: &str| -> Result<_, String> {
        let raw = api.get(&catalog::products_path(q))?;
        catalog::products_page(decode(&raw, what)?).map_err(|e| format!("{what}: {e}"))
    };
    let catalog_page = first_page(api, &CatalogQuery::from_pairs([]), "catalog")?;
    let mut categories = Vec::new();
    for (id, _) in &flat {
        let path = format!(
            "/categories/{}?page=1&pageSize=1",
            crate::api::encode_component(id)
        );
        let raw = api.get(&path)?;
        if raw.status == 404 {
            continue;
        }
        let info = CategoryInfo::from(decode::<catalog::CategoryDetailDto>(&raw, "category")?.data);
        let q = CatalogQuery {
            category_id: Some(id.clone()),
            ..CatalogQuery::from_pairs([])
        };
        let first_page = first_page(api, &q, "category listing")?;
        categories.push(Category { info, first_page });
    }

    let products = listing(api, dist, &flat, progress)?;
    Ok(Site {
        tree,
        categories,
        catalog: catalog_page,
        products,
    })
}

/// Which listing pages a run has fetched (their answers are in `CACHE_DIR`), and when it
/// began (seconds since 1970).
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct State {
    total_pages: u32,
    fetched: BTreeSet<u32>,
    #[serde(default)]
    started: u64,
}

/// How long an interrupted walk may be resumed: its cached prices and stock are this old
/// at most. An older one (or one of a version that kept no date) is walked afresh.
pub const RESUME_WITHIN_SECS: u64 = 3600;

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether a walk begun at `started` is still fresh enough at `now` to be resumed.
fn resumable(started: u64, now: u64) -> bool {
    started > 0 && now.saturating_sub(started) <= RESUME_WITHIN_SECS
}

fn cache_file(dist: &Path, page: u32) -> PathBuf {
    dist.join(CACHE_DIR).join(format!("products-{page}.json"))
}

fn save_state(dist: &Path, s: &State) -> Result<(), String> {
    let text = serde_json::to_string(s).map_err(|e| e.to_string())?;
    super::write::replace(&dist.join(STATE_FILE), text.as_bytes()).map_err(|e| e.to_string())
}

/// `GET /products?page=N&pageSize=100` for every page, resuming a run that stopped.
fn listing(
    api: &mut Api,
    dist: &Path,
    flat: &[(String, Vec<Crumb>)],
    progress: &mut dyn FnMut(u32, u32),
) -> Result<Vec<Product>, String> {
    let mut state: State = std::fs::read_to_string(dist.join(STATE_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let now = now_secs();
    if !state.fetched.is_empty() && !resumable(state.started, now) {
        eprintln!(
            "prerender: an interrupted run from {} min ago is too old to resume (over {} min): walking afresh",
            now.saturating_sub(state.started) / 60,
            RESUME_WITHIN_SECS / 60
        );
        finish(dist);
        state = State::default();
    }
    if state.started == 0 {
        state.started = now;
    }
    if !state.fetched.is_empty() {
        eprintln!(
            "prerender: resuming: {} of {} listing pages already fetched",
            state.fetched.len(),
            state.total_pages
        );
    }
    std::fs::create_dir_all(dist.join(CACHE_DIR)).map_err(|e| e.to_string())?;
    let mut products = Vec::new();
    let mut page = 1;
    loop {
        let cached = state
            .fetched
            .contains(&page)
            .then(|| std::fs::read_to_string(cache_file(dist, page)).ok())
            .flatten();
        let body = match cached {
            Some(b) => b,
            None => {
                let raw = api.get(&format!("/products?page={page}&pageSize={PAGE_SIZE}"))?;
                let env = decode::<catalog::ProductsDto>(&raw, "products")?;
                state.total_pages = env.meta.pagination.map(|p| p.total_pages).unwrap_or(1);
                std::fs::write(cache_file(dist, page), &raw.body).map_err(|e| e.to_string())?;
                state.fetched.insert(page);
                save_state(dist, &state)?;
                raw.body
            }
        };
        products.extend(cards(&body, flat)?);
        progress(state.fetched.len() as u32, state.total_pages);
        if page >= state.total_pages {
            break;
        }
        page += 1;
    }
    Ok(products)
}

/// The cards of one listing answer as product pages' seeds.
fn cards(body: &str, flat: &[(String, Vec<Crumb>)]) -> Result<Vec<Product>, String> {
    let raw = crate::api::RawResponse {
        status: 200,
        headers: vec![],
        body: body.to_string(),
    };
    let env = decode::<catalog::ProductsDto>(&raw, "products")?;
    // What the app's decoder leaves out: the dates and the category's id.
    let extra: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let extra = extra["data"]["products"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, dto) in env.data.products.into_iter().enumerate() {
        let x = extra.get(i).cloned().unwrap_or(Value::Null);
        let id = dto.id.clone();
        let mut detail = match ProductDetail::try_from(dto) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("prerender: product {id} left out: {e}");
                continue;
            }
        };
        if detail.breadcrumb.is_empty() {
            if let Some(cat) = x["category"]["id"].as_str() {
                if let Some((_, chain)) = flat.iter().find(|(c, _)| c == cat) {
                    detail.breadcrumb = chain.clone();
                }
            }
        }
        let lastmod = x["updatedAt"]
            .as_str()
            .or(x["createdAt"].as_str())
            .map(str::to_string);
        out.push(Product { detail, lastmod });
    }
    Ok(out)
}

/// The front page's rows: each partner selection with the cards of its first
/// `home::ROW_SIZE` products, found among `products` (one the listing lacks is left out,
/// as the app leaves out one the shop no longer sells). `None` when the partner API does
/// not answer: the page is then drawn without them and the app loads them.
pub fn rows(api: &mut Api, products: &[Product]) -> Option<Vec<(Selection, Vec<ProductSummary>)>> {
    let mut ask = |path: &str, limit: u32| -> Result<crate::api::RawResponse, String> {
        let raw = api.post(path, &partner::paging(limit).unwrap_or_default())?;
        match raw.is_success() {
            true => Ok(raw),
            false => Err(format!("{path}: HTTP {}", raw.status)),
        }
    };
    let mut read = || -> Result<_, String> {
        let raw = ask(partner::SELECTIONS_PATH, partner::SELECTIONS_LIMIT)?;
        let list: partner::List<Selection> =
            partner::decode(&raw, 0).map_err(|e| format!("selections: {e}"))?;
        let mut rows = Vec::new();
        for s in list.data {
            let raw = ask(
                &partner::selection_products_path(&s.id),
                crate::pages::home::ROW_SIZE,
            )?;
            let page: partner::ProductsPage =
                partner::decode(&raw, 0).map_err(|e| format!("selection {}: {e}", s.id))?;
            let cards = page
                .data
                .0
                .iter()
                .filter_map(|p| products.iter().find(|q| q.detail.summary.id == p.id))
                .map(|q| q.detail.summary.clone())
                .collect();
            rows.push((s, cards));
        }
        Ok(rows)
    };
    read()
        .inspect_err(|e| eprintln!("prerender: the home page's rows left to the app: {e}"))
        .ok()
}

/// The walk is whole: its state and cached answers go (the next run walks afresh).
pub fn finish(dist: &Path) {
    let _ = std::fs::remove_file(dist.join(STATE_FILE));
    let _ = std::fs::remove_dir_all(dist.join(CACHE_DIR));
}
