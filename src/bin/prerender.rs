//! Spike (issue 23): `prerender <config.json> <path> [product=F] [listing=F] [categories=F]`
//! prints the page at `path` drawn natively from the commerce API's answers saved in files
//! (`GET /products/<id>`, `GET /products?...`, `GET /categories?includeProducts=true`).

use vitrina::api::commerce::{self, catalog};
use vitrina::api::RawResponse;
use vitrina::config::Config;
use vitrina::domain::catalog::{CategoryNode, ProductDetail};
use vitrina::state::seed::Seed;

fn raw(file: &str) -> RawResponse {
    RawResponse {
        status: 200,
        headers: vec![],
        body: std::fs::read_to_string(file).expect("an answer file"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: prerender <config.json> <path> [product=F] [listing=F] [categories=F]");
        std::process::exit(2);
    }
    let config = Config::parse(&std::fs::read_to_string(&args[1]).expect("config.json"))
        .expect("a valid config.json");
    let mut seed = Seed::default();
    for a in &args[3..] {
        let (what, file) = a.split_once('=').expect("name=file");
        match what {
            "product" => {
                let env = commerce::decode::<catalog::ProductDetailDto>(&raw(file), 0).expect("a product");
                seed.product = Some(ProductDetail::try_from(env.data).expect("a valid product"));
            }
            "listing" => {
                let env = commerce::decode::<catalog::ProductsDto>(&raw(file), 0).expect("a listing");
                seed.listing = Some(catalog::products_page(env).expect("valid cards"));
            }
            "categories" => {
                let env = commerce::decode::<catalog::CategoriesDto>(&raw(file), 0).expect("categories");
                let mut roots: Vec<_> = env.data.categories.into_iter().filter(|c| c.is_active).collect();
                roots.sort_by_key(|c| c.position);
                seed.categories = Some(roots.into_iter().map(CategoryNode::from).collect());
            }
            other => panic!("unknown seed {other}"),
        }
    }
    let t = std::time::Instant::now();
    let page = vitrina::prerender::page(config, &args[2], seed);
    eprintln!("rendered in {:?}", t.elapsed());
    println!("<!-- head -->\n{}\n<!-- body -->\n{}", page.head, page.body);
}
